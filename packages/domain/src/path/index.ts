export * from './dto.js';
export {
  createCalendarToken,
  createPathSession,
  createProduct,
  deletePathSession,
  deleteProduct,
  getAttendance,
  getPath,
  myAttendance,
  personalCalendar,
  revokeCalendarToken,
  setAttendance,
  tableCalendar,
  updatePathSession,
} from './path.js';
export { remindComingSessions } from './reminders.js';
