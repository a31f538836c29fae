import type { Db } from "./db.ts";
import { FINAL_STATUSES } from "../core/status.ts";
import { findPeopleByName, loadDirectory, type DirectoryPerson } from "./assign.ts";

// Removing a person (or handing their work to another), from the chat or the CLI.

export type RemoveOutcome =
  | { ok: true; moved: number; removed: string; replacement: string | null }
  | { ok: false; error: "unknown_person" | "ambiguous_person" | "unknown_replacement" | "ambiguous_replacement" | "same_person"; candidates?: string[] };

/**
 * Removes a person from the directory (kept as a row, so history keeps their name): their
 * account is unlinked, pending invites dropped, open assignments move to the replacement (or
 * become unresolved), and a replacement takes over their roles, curated schools and contacts.
 */
export async function removePerson(db: Db, args: { name: string; replacement?: string | null; now: Date }): Promise<RemoveOutcome> {
  const dir = await loadDirectory(db);
  const found = findPeopleByName(dir, args.name);
  if (found.length === 0) return { ok: false, error: "unknown_person" };
  if (found.length > 1) return { ok: false, error: "ambiguous_person", candidates: found.map((p) => p.fullName) };
  const person = found[0]!;
  let replacement: DirectoryPerson | null = null;
  if (args.replacement && args.replacement.trim()) {
    const next = findPeopleByName(dir, args.replacement);
    if (next.length === 0) return { ok: false, error: "unknown_replacement" };
    if (next.length > 1) return { ok: false, error: "ambiguous_replacement", candidates: next.map((p) => p.fullName) };
    replacement = next[0]!;
    if (replacement.id === person.id) return { ok: false, error: "same_person" };
  }
  const moved = await db.$transaction(async (tx) => {
    const count = await tx.assignment.updateMany({ where: { personId: person.id, status: { notIn: [...FINAL_STATUSES] } }, data: { personId: replacement?.id ?? null } });
    if (replacement) {
      const roles = await tx.personRole.findMany({ where: { personId: person.id } });
      for (const r of roles) {
        const has = await tx.personRole.findFirst({ where: { personId: replacement.id, role: r.role, roadmapId: r.roadmapId } });
        if (!has) await tx.personRole.create({ data: { personId: replacement.id, role: r.role, roadmapId: r.roadmapId } });
      }
      await tx.curatorship.updateMany({ where: { personId: person.id }, data: { personId: replacement.id } });
      const contacts = await tx.organizationContact.findMany({ where: { personId: person.id } });
      for (const c of contacts) {
        await tx.organizationContact.upsert({
          where: { organizationId_personId: { organizationId: c.organizationId, personId: replacement.id } },
          create: { organizationId: c.organizationId, personId: replacement.id },
          update: {},
        });
      }
      await tx.roadmap.updateMany({ where: { controllerId: person.id }, data: { controllerId: replacement.id } });
    }
    await tx.invite.deleteMany({ where: { personId: person.id, usedAt: null } });
    await tx.organizationContact.deleteMany({ where: { personId: person.id } });
    await tx.person.update({ where: { id: person.id }, data: { removedAt: args.now, telegramId: null, chatId: null } });
    return count.count;
  });
  return { ok: true, moved, removed: person.fullName, replacement: replacement?.fullName ?? null };
}
