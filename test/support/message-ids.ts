import path from "node:path";
import ts from "typescript";

// Which Fluent message ids the code can ask for, read from the source with the TypeScript type
// checker: every call of Translator.t, and of any function that hands one of its parameters on to
// it (say(ctx, id), …). An id is a literal, a choice between literals, or a template whose parts
// have literal union types (`status-${s}` with s: "done" | "overdue" expands to both). What cannot
// be enumerated is reported with the expression, for a test to list by hand.

export interface IdUse {
  /** "handlers/verify.ts:84" */
  where: string;
  /** the argument as written */
  expression: string;
  /** every id it can be; null when the code does not say (a plain `string`) */
  ids: string[] | null;
}

const SOURCE_DIRS = ["bot", "handlers", "scheduler", "views", "core", "services", "cli"];

type FunctionLike = ts.SignatureDeclaration;

export function messageIdUses(root: string): IdUse[] {
  const configPath = path.join(root, "tsconfig.json");
  const parsed = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (!parsed) throw new Error(`cannot read ${configPath}`);
  const inSource = (f: string) => SOURCE_DIRS.some((d) => path.relative(root, f).startsWith(d + path.sep));
  const program = ts.createProgram(parsed.fileNames.filter(inSource), parsed.options);
  const checker = program.getTypeChecker();
  const files = program.getSourceFiles().filter((sf) => !sf.isDeclarationFile && inSource(sf.fileName));

  // calls by the name they are made with (`t`, `say`): only those are resolved, which keeps it quick
  const callsByName = new Map<string, ts.CallExpression[]>();
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : null;
      if (name) callsByName.set(name, [...(callsByName.get(name) ?? []), node]);
    }
    ts.forEachChild(node, visit);
  };
  for (const sf of files) visit(sf);

  const translatorT = findTranslatorT(files);
  // sinks: a function and which of its parameters is a message id
  const sinks: Array<{ fn: FunctionLike; index: number }> = [{ fn: translatorT, index: 0 }];
  const seen = new Set<string>();
  const uses: IdUse[] = [];

  const where = (node: ts.Node) => {
    const sf = node.getSourceFile();
    return `${path.relative(root, sf.fileName)}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  };

  /** The ids an expression can be, or null; a parameter it comes from becomes a sink itself. */
  const idsOf = (expr: ts.Expression, whole = true): string[] | null => {
    if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) return [expr.text];
    if (ts.isParenthesizedExpression(expr) || ts.isAsExpression(expr) || ts.isNonNullExpression(expr) || ts.isSatisfiesExpression(expr)) return idsOf(expr.expression, whole);
    if (ts.isConditionalExpression(expr)) return union(idsOf(expr.whenTrue, whole), idsOf(expr.whenFalse, whole));
    if (ts.isBinaryExpression(expr) && expr.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken) {
      return union(literalsOf(checker.getNonNullableType(checker.getTypeAtLocation(expr.left))), idsOf(expr.right, false));
    }
    if (ts.isBinaryExpression(expr) && expr.operatorToken.kind === ts.SyntaxKind.PlusToken) return product([idsOf(expr.left, false), idsOf(expr.right, false)]);
    if (ts.isTemplateExpression(expr)) {
      const parts: Array<string[] | null> = [[expr.head.text]];
      for (const span of expr.templateSpans) parts.push(idsOf(span.expression, false), [span.literal.text]);
      return product(parts);
    }
    const byType = literalsOf(checker.getTypeAtLocation(expr));
    if (byType) return byType;
    if (ts.isIdentifier(expr)) {
      const decl = checker.getSymbolAtLocation(expr)?.valueDeclaration;
      // the whole id is a parameter: the callers say which ids (a part of an id cannot be handed on)
      if (whole && decl && ts.isParameter(decl) && isFunctionLike(decl.parent)) {
        addSink(decl.parent, decl.parent.parameters.indexOf(decl));
        return [];
      }
      if (decl && ts.isVariableDeclaration(decl) && decl.initializer && ts.getCombinedNodeFlags(decl) & ts.NodeFlags.Const) return idsOf(decl.initializer, whole);
    }
    return null;
  };

  const addSink = (fn: FunctionLike, index: number) => {
    if (!sinks.some((s) => s.fn === fn && s.index === index)) sinks.push({ fn, index });
  };

  for (let i = 0; i < sinks.length; i++) {
    const { fn, index } = sinks[i]!;
    const name = functionName(fn);
    if (!name) continue;
    for (const call of callsByName.get(name) ?? []) {
      if (checker.getResolvedSignature(call)?.declaration !== fn) continue;
      const arg = call.arguments[index] ?? fn.parameters[index]?.initializer;
      if (!arg || arg.kind === ts.SyntaxKind.SpreadElement) continue;
      const key = `${arg.pos}:${arg.getSourceFile().fileName}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const ids = idsOf(arg);
      // a parameter handed on: its callers are read instead (the sink added above)
      if (ids && ids.length === 0) continue;
      uses.push({ where: where(arg), expression: arg.getText(), ids: ids ? [...new Set(ids)].sort() : null });
    }
  }
  return uses;
}

/** Every member a string, number or boolean literal: their texts; else null. */
function literalsOf(type: ts.Type): string[] | null {
  const members = type.isUnion() ? type.types : [type];
  const out: string[] = [];
  for (const m of members) {
    if (m.isStringLiteral()) out.push(m.value);
    else if (m.isNumberLiteral()) out.push(String(m.value));
    else if (m.flags & ts.TypeFlags.BooleanLiteral) out.push((m as unknown as { intrinsicName: string }).intrinsicName);
    else return null;
  }
  return out.length > 0 ? out : null;
}

function union(a: string[] | null, b: string[] | null): string[] | null {
  return a && b ? [...a, ...b] : null;
}

function product(parts: Array<string[] | null>): string[] | null {
  let out = [""];
  for (const p of parts) {
    if (!p) return null;
    out = out.flatMap((prefix) => p.map((s) => prefix + s));
  }
  return out;
}

function isFunctionLike(node: ts.Node): node is FunctionLike {
  return ts.isFunctionDeclaration(node) || ts.isArrowFunction(node) || ts.isFunctionExpression(node) || ts.isMethodDeclaration(node) || ts.isMethodSignature(node);
}

/** The name a function is called by: its own, or the variable or property it is assigned to. */
function functionName(fn: FunctionLike): string | null {
  if (fn.name && ts.isIdentifier(fn.name)) return fn.name.text;
  const parent = fn.parent;
  if ((ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) && ts.isIdentifier(parent.name)) return parent.name.text;
  return null;
}

function findTranslatorT(files: readonly ts.SourceFile[]): FunctionLike {
  for (const sf of files) {
    for (const st of sf.statements) {
      if (!ts.isInterfaceDeclaration(st) || st.name.text !== "Translator") continue;
      const t = st.members.find((m): m is ts.MethodSignature => ts.isMethodSignature(m) && ts.isIdentifier(m.name) && m.name.text === "t");
      if (t) return t;
    }
  }
  throw new Error("no Translator.t in the source");
}
