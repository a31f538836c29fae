import type { Db } from "./db.ts";
import type { RoadmapSummary } from "./roadmap-list.ts";

// How far a coordinator has got with setting Веха up, read from what is stored — never from flags:
// the roadmaps saved (and whether one is in force), a preview waiting in this chat, the people of
// the directory and their invites. The checklist of /start and /help (views/setup.ts) is drawn
// from it. Coordinators see every roadmap (services/scope.ts), so the picture is the whole
// database's; only the waiting preview is this chat's.
//
// «People of the directory» leaves out the coordinators' own accounts (ADMIN_TELEGRAM_IDS: linked
// without an invite, no role but coordinator): they run the setup, they are not what is set up. A list counts as loaded once someone
// has a full name or a role held in every roadmap: a roadmap's save alone makes people «Фамилия И.О.»
// without roles (its controller with a deputy row for that roadmap only).

/** How many not invited people the checklist names. */
const NAMES_SHOWN = 5;

type SetupRoadmap = Pick<RoadmapSummary, "id" | "status" | "title" | "orderNumber" | "orderDate" | "activeFrom">;

export interface SetupState {
  /** the roadmaps not archived, in id order */
  roadmaps: SetupRoadmap[];
  /** a preview of /import in this chat waiting for «Сохранить» / «Отмена» */
  preview: { pendingId: number; fileName: string } | null;
  people: {
    /** people of the directory (not removed, not only coordinators) */
    total: number;
    /** someone came from a list, /invite or `person add` (a role or a full name), not only from a roadmap */
    listed: boolean;
  };
  invites: {
    /** linked to a Telegram account */
    joined: number;
    /** not linked, with an invite still valid */
    pending: number;
    /** not linked, without a valid invite: whose invite expired */
    expired: number;
    /** not linked, without a valid invite (expired ones included) */
    notInvited: number;
    /** the first of them by name, for buttons */
    toInvite: Array<{ id: number; fullName: string }>;
  };
}

export async function setupState(db: Db, chatId: string, now: Date): Promise<SetupState> {
  const [roadmaps, preview, people] = await Promise.all([
    db.roadmap.findMany({
      where: { status: { not: "archived" } },
      select: { id: true, status: true, title: true, orderNumber: true, orderDate: true, activeFrom: true },
      orderBy: { id: "asc" },
    }),
    db.pendingImport.findFirst({ where: { chatId, state: "preview" }, select: { id: true, fileName: true }, orderBy: { id: "desc" } }),
    db.person.findMany({
      where: { removedAt: null },
      select: {
        id: true,
        fullName: true,
        shortName: true,
        telegramId: true,
        roles: { select: { role: true, roadmapId: true } },
        invites: { select: { expiresAt: true, usedAt: true } },
      },
      orderBy: [{ fullName: "asc" }, { id: "asc" }],
    }),
  ]);
  const directory = people.filter((p) => !adminAccount(p));
  const invites: SetupState["invites"] = { joined: 0, pending: 0, expired: 0, notInvited: 0, toInvite: [] };
  for (const p of directory) {
    if (p.telegramId) {
      invites.joined++;
      continue;
    }
    const open = p.invites.filter((i) => i.usedAt === null);
    if (open.some((i) => i.expiresAt.getTime() > now.getTime())) {
      invites.pending++;
      continue;
    }
    if (open.length > 0) invites.expired++;
    invites.notInvited++;
    if (invites.toInvite.length < NAMES_SHOWN) invites.toInvite.push({ id: p.id, fullName: p.fullName });
  }
  return {
    roadmaps,
    preview: preview ? { pendingId: preview.id, fileName: preview.fileName } : null,
    people: {
      total: directory.length,
      // a roadmap's controller gets a deputy row for that roadmap: a list's roles hold in every roadmap
      listed: directory.some((p) => p.fullName !== p.shortName || p.roles.some((r) => r.role !== "coordinator" && r.roadmapId === null)),
    },
    invites,
  };
}

/**
 * A coordinator's own account, not a person being set up: linked without an invite (an
 * ADMIN_TELEGRAM_IDS id) and holding no role but coordinator. A coordinator from the people list
 * is invited like everyone else.
 */
function adminAccount(p: { telegramId: string | null; roles: Array<{ role: string }>; invites: unknown[] }): boolean {
  return p.telegramId !== null && p.invites.length === 0 && p.roles.length > 0 && p.roles.every((r) => r.role === "coordinator");
}

export type SetupStep = "import" | "save" | "people" | "invites" | "activate";
export const SETUP_STEPS: readonly SetupStep[] = ["import", "save", "people", "invites", "activate"];

/** Which steps are done. */
export function stepsDone(s: SetupState): Record<SetupStep, boolean> {
  return {
    import: s.roadmaps.length > 0 || s.preview !== null,
    save: s.roadmaps.length > 0,
    people: s.people.listed,
    invites: s.people.total > 0 && s.invites.notInvited === 0,
    activate: s.roadmaps.some((r) => r.status === "active"),
  };
}

/** The first step not done, or null when the setup is complete. */
export function nextStep(s: SetupState): SetupStep | null {
  const done = stepsDone(s);
  return SETUP_STEPS.find((step) => !done[step]) ?? null;
}
