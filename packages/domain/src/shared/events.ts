/**
 * Tells the live-update layer which outbox events just committed. The api wires a real
 * publisher; elsewhere the relay picks events up from the outbox table.
 */
export interface EventPublisher {
  publish(eventIds: readonly number[]): void;
}

export const noPublisher: EventPublisher = { publish: () => {} };

export const rooms = {
  thread: (id: number) => `thread:${id}`,
  table: (id: number) => `table:${id}`,
  focus: (slug: string) => `focus:${slug}`,
  user: (id: number) => `user:${id}`,
};
