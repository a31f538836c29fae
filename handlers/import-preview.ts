import { DateTime } from "luxon";
import type { ImportResult } from "../core/types.ts";
import { UNREAD_DEADLINE } from "../core/deadline/parse.ts";
import { isDated } from "../core/kinds.ts";
import type { Db } from "../services/db.ts";
import type { Translator } from "../services/i18n.ts";
import { escapeHtml, formatDate } from "../services/format.ts";
import { warningText } from "../services/import-warnings.ts";
import { previewReimport, type ReimportPreview } from "../services/reimport.ts";
import { previewAssignments, type AssignmentPreview } from "../services/assign.ts";
import { clip } from "../services/verification.ts";
import type { Keyboard } from "../services/outbox.ts";
import { packCallback } from "../views/callbacks.ts";
import { fixKeyboardRows, needsHumanText } from "./import-fixes.ts";
import { reimportLines } from "./reimport-text.ts";
import { localToday } from "./curator.ts";

// The preview of an import a coordinator decides on: what needs a human first (import-fixes.ts),
// the document's summary, what a new version changes (reimport-text.ts), the importer's remarks in
// the reader's language, and «Сохранить» / «Отмена» with the fixes' buttons.

/** Up to `max` characters of a list, then «…». */
export function listText(values: string[], max = 600): string {
  const out: string[] = [];
  let size = 0;
  for (const v of values) {
    if (size + v.length > max) {
      out.push("…");
      break;
    }
    out.push(v);
    size += v.length + 2;
  }
  return out.join(", ");
}

/** A time zone as people say it: «Якутск (UTC+9)», not «Asia/Yakutsk» (the IANA name when the runtime has no better one). */
function zoneLabel(lang: string, zone: string): string {
  try {
    const now = new Date();
    const name = new Intl.DateTimeFormat(lang, { timeZone: zone, timeZoneName: "long" }).formatToParts(now).find((p) => p.type === "timeZoneName")?.value ?? "";
    const place = name.replace(/,?\s*(стандартное время|летнее время|standard time|daylight time|summer time)$/i, "").trim();
    const total = DateTime.fromJSDate(now, { zone }).offset;
    const offset = `UTC${total < 0 ? "−" : "+"}${Math.floor(Math.abs(total) / 60)}${Math.abs(total) % 60 ? `:${String(Math.abs(total) % 60).padStart(2, "0")}` : ""}`;
    return place && !/^GMT|^UTC/.test(place) ? `${place} (${offset})` : `${zone} (${offset})`;
  } catch {
    return zone;
  }
}

function previewText(tr: Translator, result: ImportResult, preview: AssignmentPreview, today: string, reimport: ReimportPreview | null = null): string {
  const r = result.roadmap;
  const items = result.items;
  const sections = new Map<string, number>();
  for (const i of items) if (i.section) sections.set(i.section, (sections.get(i.section) ?? 0) + 1);
  // as the digest counts them: an item in parts is overdue once its first part is (the next open part is what is due)
  const firstDue = (d: ImportResult["items"][number]["deadline"]) => (d.kind === "multi" && d.checkpoints.length > 0 ? [...d.checkpoints].sort()[0]! : d.due);
  const overdue = items.filter((i) => isDated(i.deadline.kind) && firstDue(i.deadline) !== null && firstDue(i.deadline)! < today);
  const lines = [
    tr.t("coordinator-preview-title", { title: escapeHtml(clip(r.title, 300)) }),
    tr.t("coordinator-preview-order", {
      number: escapeHtml(r.orderNumber ?? "—"),
      date: r.orderDate ? formatDate(tr, r.orderDate) : "—",
      authority: escapeHtml(clip(r.authority ?? "—", 200)),
      timezone: escapeHtml(zoneLabel(tr.lang, r.timezone)),
    }),
    tr.t("coordinator-preview-counts", { items: items.length, sections: sections.size }),
  ];
  // a new version of a saved roadmap: which one, and what moves (handlers/reimport-text.ts), read first
  if (reimport) lines.push(...reimportLines(tr, reimport), "");
  if (sections.size > 0) {
    lines.push(tr.t("coordinator-preview-sections"));
    for (const [title, n] of sections) lines.push(`  • ${tr.t("coordinator-preview-section", { title: escapeHtml(clip(title, 150)), count: n })}`);
    // the sections' counts add up to the total: the rest is said too
    const outside = items.filter((i) => !i.section).length;
    if (outside > 0) lines.push(`  • ${tr.t("coordinator-preview-no-section", { count: outside })}`);
  }
  lines.push(tr.t("coordinator-preview-keys", { keys: escapeHtml(listText(items.map((i) => i.key))) }));
  if (r.controller) lines.push(tr.t("coordinator-preview-controller", { name: escapeHtml(r.controller) }));
  lines.push(
    overdue.length > 0
      ? tr.t("coordinator-preview-overdue", { count: overdue.length, keys: escapeHtml(listText(overdue.map((i) => i.key))) })
      : tr.t("coordinator-preview-overdue-none"),
  );
  // every role fans out to the same schools: list them once
  let listed: string | null = null;
  // roles with no school to go to yet (an empty directory): one line for all of them
  const schoolless = (role: (typeof preview.roles)[number]) => !role.fromDocument && role.schools.length === 0;
  const noSchools = preview.roles.filter(schoolless);
  if (noSchools.length > 0) {
    const roles = noSchools.map((role) => tr.t("coordinator-preview-role-quoted", { role: escapeHtml(role.role) })).join(", ");
    lines.push(tr.t("coordinator-preview-role-no-schools", { roles }));
  }
  // roles going to the same schools with the same gaps: one line for them all, not one each
  const groups = new Map<string, Array<(typeof preview.roles)[number]>>();
  for (const role of preview.roles) {
    if (schoolless(role)) continue;
    const key = [role.fromDocument, role.schools.join("\n"), role.withoutHolder.length].join("\u0000");
    groups.set(key, [...(groups.get(key) ?? []), role]);
  }
  for (const group of groups.values()) {
    const role = group[0]!;
    const schools = role.schools.join("\n");
    const roles = group.map((g) => tr.t("coordinator-preview-role-quoted", { role: escapeHtml(g.role) })).join(", ");
    const vars = { roles, count: role.schools.length, schools: escapeHtml(listText(role.schools, 800)) };
    if (schools === listed) lines.push(tr.t("coordinator-preview-role-same", vars));
    else lines.push(tr.t(role.fromDocument ? "coordinator-preview-role-document" : "coordinator-preview-role-directory", vars));
    listed = schools;
    if (role.withoutHolder.length > 0) lines.push(tr.t("coordinator-preview-role-missing", { count: role.withoutHolder.length, several: group.length > 1 ? "yes" : "no" }));
  }
  if (preview.unresolved.length > 0) {
    // one line per party with the keys it stands against
    const byParty = new Map<string, string[]>();
    for (const u of preview.unresolved) byParty.set(u.party, [...(byParty.get(u.party) ?? []), u.itemKey]);
    lines.push(tr.t("coordinator-preview-unresolved", { count: new Set(preview.unresolved.map((u) => u.itemKey)).size }));
    for (const [party, keys] of [...byParty].slice(0, 20)) lines.push(`  • ${escapeHtml(clip(party, 150))}: ${escapeHtml(listText(keys, 200))}`);
  }
  // an unread deadline is quoted in the lead already (handlers/import-fixes.ts)
  const warnings = result.warnings.filter((w) => !w.message.startsWith(UNREAD_DEADLINE));
  if (warnings.length > 0) {
    lines.push(tr.t("coordinator-preview-warnings", { count: warnings.length }));
    for (const w of warnings.slice(0, 10)) lines.push(`  • ${w.item ? `${escapeHtml(w.item)}: ` : ""}${escapeHtml(clip(warningText(tr, w.message), 200))}`);
  }
  lines.push("", tr.t("coordinator-preview-question"));
  return lines.join("\n");
}

export function previewKeyboard(tr: Translator, pendingId: number, result?: ImportResult): Keyboard {
  return {
    inline_keyboard: [
      [
        { text: tr.t("coordinator-button-save"), callback_data: packCallback({ kind: "import", action: "save", pendingId }) },
        { text: tr.t("coordinator-button-cancel"), callback_data: packCallback({ kind: "import", action: "cancel", pendingId }) },
      ],
      // the correction loop (handlers/import-fixes.ts): a fix per doubtful key, «Скачать для правки»
      ...(result ? fixKeyboardRows(tr, result, pendingId) : []),
    ],
  };
}

/** The preview of an import: the document, its assignments, and what it does to a saved roadmap it updates. */
export async function buildPreview(db: Db, tr: Translator, result: ImportResult, now: Date, targetRoadmapId?: number | null) {
  const preview = await previewAssignments(db, result);
  const reimport = await previewReimport(db, result, targetRoadmapId ?? undefined);
  // what needs a human leads (handlers/import-fixes.ts), then the summary and what a new version changes
  const summary = previewText(tr, result, preview, localToday(now, result.roadmap.timezone), reimport);
  return { text: `${needsHumanText(tr, result)}\n\n${summary}`, targetRoadmapId: reimport?.target.roadmap.id ?? null };
}
