import { escapeHtml, formatDate, roadmapName } from "../services/format.ts";
import type { Translator } from "../services/i18n.ts";
import type { Keyboard } from "../services/outbox.ts";
import { nextStep, SETUP_STEPS, stepsDone, type SetupState, type SetupStep } from "../services/setup.ts";
import { clip } from "../services/verification.ts";
import { packCallback } from "./callbacks.ts";

// The coordinator's setup checklist at the top of /start and /help (services/setup.ts reads the
// state): each step marked done, the next one in bold with how to do it and its buttons, the later
// ones by name. Once everything is done it shrinks to one line (/start) or to nothing (/help).

export interface SetupView {
  text: string;
  keyboard: Keyboard | null;
}

/** The step's line when done, with the figures that show it. */
function doneLine(tr: Translator, step: SetupStep, s: SetupState): string {
  switch (step) {
    case "import":
      return tr.t("setup-import-done");
    case "save":
      return tr.t("setup-save-done", { count: s.roadmaps.length });
    case "people":
      return tr.t("setup-people-done", { count: s.people.total });
    case "invites":
      return tr.t("setup-invites-done", { joined: s.invites.joined, total: s.people.total, pending: s.invites.pending });
    case "activate": {
      const active = s.roadmaps.filter((r) => r.status === "active");
      const only = active.length === 1 ? active[0]! : null;
      return only?.activeFrom
        ? tr.t("setup-activate-done", { id: only.id, roadmap: escapeHtml(roadmapName(tr, only)), date: formatDate(tr, only.activeFrom) })
        : tr.t("setup-activate-done-several", { count: active.length });
    }
  }
}

/** How to do the next step (after its name in bold). */
function howTo(tr: Translator, step: SetupStep, s: SetupState): string {
  switch (step) {
    case "import":
      return tr.t("setup-import-how");
    case "save":
      return tr.t("setup-save-how", { file: escapeHtml(clip(s.preview?.fileName ?? "", 80)) });
    case "people":
      return tr.t("setup-people-how");
    case "invites": {
      const names = s.invites.toInvite.map((p) => escapeHtml(p.fullName)).join(", ");
      const lines = [tr.t("setup-invites-who", { count: s.invites.notInvited, names, more: s.invites.notInvited - s.invites.toInvite.length })];
      if (s.invites.expired > 0) lines.push(tr.t("setup-invites-expired", { count: s.invites.expired }));
      if (s.invites.pending > 0) lines.push(tr.t("setup-invites-pending", { count: s.invites.pending }));
      lines.push(tr.t("setup-invites-how"));
      return lines.join(" ");
    }
    case "activate": {
      const draft = s.roadmaps.find((r) => r.status === "draft");
      return draft ? tr.t("setup-activate-how-draft", { id: draft.id, roadmap: escapeHtml(roadmapName(tr, draft)) }) : tr.t("setup-activate-how");
    }
  }
}

/** The next step's buttons: the waiting preview again, the people template, an invite per person not yet invited. */
function buttonsFor(tr: Translator, step: SetupStep, s: SetupState): Keyboard | null {
  if (step === "save" && s.preview) {
    return { inline_keyboard: [[{ text: tr.t("setup-button-preview"), callback_data: packCallback({ kind: "setup-preview", pendingId: s.preview.pendingId }) }]] };
  }
  if (step === "people") return { inline_keyboard: [[{ text: tr.t("setup-button-template"), callback_data: packCallback({ kind: "setup-template" }) }]] };
  if (step === "invites" && s.invites.toInvite.length > 0) {
    return {
      inline_keyboard: s.invites.toInvite.map((p) => [
        { text: clip(tr.t("setup-button-invite", { name: p.fullName }), 60), callback_data: packCallback({ kind: "setup-invite", personId: p.id }) },
      ]),
    };
  }
  return null;
}

/** The checklist while something is left to do; null once the setup is complete. */
export function setupChecklist(tr: Translator, s: SetupState): SetupView | null {
  const next = nextStep(s);
  if (next === null) return null;
  const done = stepsDone(s);
  const lines = [tr.t("setup-header", { done: SETUP_STEPS.filter((step) => done[step]).length, total: SETUP_STEPS.length })];
  SETUP_STEPS.forEach((step, i) => {
    const n = i + 1;
    if (done[step]) lines.push(tr.t("setup-line-done", { n, text: doneLine(tr, step, s) }));
    else if (step === next) lines.push(tr.t("setup-line-next", { n, text: tr.t(`setup-${step}`), how: howTo(tr, step, s) }));
    else lines.push(tr.t("setup-line-later", { n, text: tr.t(`setup-${step}`) }));
  });
  return { text: lines.join("\n"), keyboard: buttonsFor(tr, next, s) };
}

/** The one line of a complete setup (/start). */
export function setupSummary(tr: Translator, s: SetupState): string {
  return tr.t("setup-complete", {
    roadmaps: s.roadmaps.filter((r) => r.status === "active").length,
    joined: s.invites.joined,
    total: s.people.total,
  });
}

/** One line after a step is done (a roadmap saved, a people list read): the next one; null once all is done. */
export function nextStepLine(tr: Translator, s: SetupState): string | null {
  const next = nextStep(s);
  return next === null ? null : tr.t("setup-next", { text: tr.t(`setup-${next}`) });
}
