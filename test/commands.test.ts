import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { COMMANDS, commandsFor, menuOf, type CommandSpec } from "../bot/commands.ts";
import { ROLES } from "../core/roles.ts";
import { LANGUAGES, translator } from "../services/i18n.ts";
import { COMMAND_HANDLERS } from "../handlers/commands.ts";
import { BotHarness } from "./support/bot-harness.ts";
import { seedRoadmap } from "./support/roadmap-seed.ts";

// One list of commands (bot/commands.ts) feeds the menus, the help, the handlers and the
// refusals; these tests tie them together.

const list: CommandSpec[] = [...COMMANDS];
const named = (text: string, command: string) => new RegExp(`/${command}(?![a-z_])`).test(text);

describe("the command list", () => {
  it("every command in a role's menu has a description and a line in that role's help, in both languages", () => {
    for (const lang of LANGUAGES) {
      const tr = translator(lang);
      for (const role of ROLES) {
        const help = `${tr.t(`help-${role}`)}\n${tr.t("help-footer")}`;
        for (const spec of menuOf(role)) {
          expect(tr.has(spec.description), `${lang} ${spec.description}`).toBe(true);
          // /help is the help itself
          if (spec.command !== "help") expect(named(help, spec.command), `${lang} help-${role} names /${spec.command}`).toBe(true);
        }
      }
    }
  });

  it("every command has a handler, and every handler a command", () => {
    expect(Object.keys(COMMAND_HANDLERS).sort()).toEqual(list.map((s) => s.command).sort());
    expect(new Set(list.map((s) => s.command)).size).toBe(list.length);
  });

  it("every command is in some menu or hidden on purpose; a command not for everyone says who it is for", () => {
    for (const spec of list) {
      expect(spec.menus.length > 0 || spec.hidden === true, spec.command).toBe(true);
      if (spec.menus.length > 0) expect(spec.hidden, spec.command).toBeUndefined();
      // a menu lists a command only to those who may run it
      for (const role of spec.menus) expect(spec.roles === null || spec.roles.includes(role) || spec.roles.includes("executor"), `${spec.command} in ${role}'s menu`).toBe(true);
      if (spec.roles !== null && !spec.roles.includes("executor")) {
        expect(spec.refusal, spec.command).toBeDefined();
        for (const lang of LANGUAGES) expect(translator(lang).has(spec.refusal!), `${lang} ${spec.refusal}`).toBe(true);
      }
    }
  });

  it("no command or button is registered past the lists", () => {
    // commands: bot/commands.ts + handlers/commands.ts; buttons: handlers/buttons.ts; both mounted in handlers/index.ts
    const root = path.resolve(import.meta.dirname, "..");
    for (const dir of ["handlers", "bot"]) {
      for (const file of fs.readdirSync(path.join(root, dir)).filter((f) => f.endsWith(".ts"))) {
        if (`${dir}/${file}` === "handlers/index.ts") continue;
        const src = fs.readFileSync(path.join(root, dir, file), "utf8");
        expect(src, `${dir}/${file}`).not.toMatch(/\.(command|start|help|settings|hears|action)\(/);
      }
    }
  });

  it("the menus are the ones Веха always showed, in the same order", () => {
    const menu = (roles: string[]) => commandsFor(roles, "ru").map((c) => c.command);
    const executor = ["my", "item", "done", "progress", "evidence", "help", "lang"];
    expect(menu([])).toEqual(executor);
    expect(menu(["curator"])).toEqual([...executor, "school", "verify", "overdue", "export"]);
    expect(menu(["deputy"])).toEqual([...executor, "roadmap", "verify", "overdue", "digest", "export"]);
    expect(menu(["coordinator"])).toEqual([...executor, "import", "edit", "people", "invite", "assign", "roadmaps", "unassigned", "verify", "export"]);
    expect(menu(["coordinator", "curator"])).toEqual([...executor, "school", "verify", "overdue", "export", "import", "edit", "people", "invite", "assign", "roadmaps", "unassigned"]);
    expect(commandsFor([], "en")[0]).toEqual({ command: "my", description: "My assignments" });
  });
});

describe("the commands in chat", () => {
  let h: BotHarness;
  afterEach(async () => {
    await h?.stop();
  });

  it("each command reaches its handler for a person with every role, and is refused, politely, to one without", async () => {
    h = await BotHarness.start();
    const { user: all } = await h.linkedUser("Бутусова Ольга Викторовна", { roles: ["executor", "curator", "deputy", "coordinator"] });
    const { user: executor } = await h.linkedUser("Петрова Анна Сергеевна");
    const tr = translator("ru");
    const unknown = tr.t("bot-unknown-command");
    for (const spec of list) {
      const answer = (await all.command(`/${spec.command}`)).map((m) => m.text).join("\n");
      expect(answer, `/${spec.command}`).not.toBe("");
      expect(answer, `/${spec.command}`).not.toContain(unknown.slice(0, 20));
      if (spec.refusal) expect(answer, `/${spec.command}`).not.toBe(tr.t(spec.refusal));
      const theirs = (await executor.command(`/${spec.command}`)).map((m) => m.text).join("\n");
      if (spec.roles !== null && !spec.roles.includes("executor")) expect(theirs, `/${spec.command} refused`).toBe(tr.t(spec.refusal!));
      else expect(theirs, `/${spec.command}`).not.toContain(unknown.slice(0, 20));
    }
  });

  it("/help and /lang answer beside a pending question; any other command ends it", async () => {
    h = await BotHarness.start();
    const { user, personId } = await h.linkedUser("Петрова Анна Сергеевна", { roles: ["executor", "coordinator"] });
    await seedRoadmap(h.db, { items: [{ key: "5", title: "Провести совещание", due: "2023-06-20", personId }] });
    await user.command("/item 5");
    await user.press("Приложить подтверждение");
    await user.command("/help");
    await user.command("/lang");
    expect((await user.send("https://example.org/report")).map((m) => m.text).join("\n")).toContain("Подтверждение");
    expect(await h.db.evidence.count()).toBe(1);
    await user.command("/item 5");
    await user.press("Приложить подтверждение");
    // a coordinator's command ends the executor's question like any other command
    await user.command("/unassigned");
    expect(await h.db.chatState.count()).toBe(0);
    await user.send("https://example.org/other");
    expect(await h.db.evidence.count()).toBe(1);
  });
});
