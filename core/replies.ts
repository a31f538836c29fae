// Words an executor replies with to a reminder or a card instead of pressing its button.

const DONE_REPLY = /^(?:готово|сделано|выполнено|done)[\s.!…)]*$/iu;

/** «готово», «Сделано!», «выполнено.» (any case, trailing punctuation): the same as «Выполнено». */
export function isDoneReply(text: string): boolean {
  return DONE_REPLY.test(text.trim());
}
