import { COORDINATORS, EVERY_LINKED } from "../bot/roles.ts";
import type { StepKind } from "../bot/state.ts";
import type { StepOwner } from "../bot/steps.ts";
import { answerAwayStep } from "./absence.ts";
import { answerImportStep } from "./coordinator.ts";
import { answerEditStep } from "./correction.ts";
import { answerExecutorStep } from "./evidence.ts";
import { answerReviewStep } from "./verify.ts";

// Who answers each question a chat can wait on (bot/state.ts keeps the step, bot/steps.ts routes
// the next message here). A Record over the step kinds: a step nobody answers does not type-check.

const executor: StepOwner = { roles: EVERY_LINKED, answer: answerExecutorStep };
const review: StepOwner = { roles: EVERY_LINKED, answer: answerReviewStep };
const edit: StepOwner = { roles: COORDINATORS, answer: answerEditStep };

export const STEPS: Record<StepKind, StepOwner> = {
  // the executor: a file or link for «Приложить подтверждение», a postponement's date and reason, which roadmap
  evidence: executor,
  "postpone-date": executor,
  "postpone-reason": executor,
  pick: executor,
  // a reviewer: the comment of «Вернуть на доработку», the reason of «Отклонить»
  "verify-return": review,
  "postpone-refuse": review,
  // the coordinator: the file of /import (or a workbook sent back), the new text of /edit
  "import-file": { roles: COORDINATORS, answer: answerImportStep },
  "edit-text": edit,
  "edit-confirm": edit,
  // «Я в отпуске»: when, and who stands in (a coordinator answers for someone else too)
  "away-dates": { roles: EVERY_LINKED, answer: answerAwayStep },
  "away-stand-in": { roles: EVERY_LINKED, answer: answerAwayStep },
};
