export * from './dto.js';
export { escapeText, fold } from './ical.js';
export {
  createCalendarToken,
  createPathSession,
  createProduct,
  deletePathSession,
  deleteProduct,
  getAttendance,
  getPath,
  hasCalendarToken,
  myAttendance,
  personalCalendar,
  revokeCalendarToken,
  setAttendance,
  tableCalendar,
  updatePathSession,
} from './path.js';
