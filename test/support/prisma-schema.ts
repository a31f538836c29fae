// A small reader of Prisma schema files, enough to compare what two schemas say about their
// models: each model's fields (name, type, optional/list, attributes) and its block attributes
// (@@unique, @@index, @@id). Comments and layout are ignored; so are native types (@db.…), the
// one thing a provider's schema may say differently.

interface ModelShape {
  fields: Record<string, string>;
  blocks: string[];
}

export interface SchemaShape {
  provider: string | null;
  models: Record<string, ModelShape>;
  enums: Record<string, string[]>;
}

function stripComments(text: string): string {
  return text
    .split("\n")
    .map((line) => line.replace(/\/\/.*$/, ""))
    .join("\n");
}

function normalise(attrs: string): string {
  return attrs
    .replace(/@db\.\w+(\([^)]*\))?/g, "")
    .replace(/\s+/g, " ")
    .replace(/\s*([(),:[\]])\s*/g, "$1")
    .trim();
}

export function readSchema(text: string): SchemaShape {
  const src = stripComments(text);
  const shape: SchemaShape = { provider: null, models: {}, enums: {} };
  const provider = /datasource\s+\w+\s*\{[^}]*provider\s*=\s*"([^"]+)"/.exec(src);
  shape.provider = provider?.[1] ?? null;
  for (const m of src.matchAll(/\b(model|enum)\s+(\w+)\s*\{([^}]*)\}/g)) {
    const [, kind, name, body] = m;
    const lines = body!.split("\n").map((l) => l.trim()).filter(Boolean);
    if (kind === "enum") {
      shape.enums[name!] = lines;
      continue;
    }
    const model: ModelShape = { fields: {}, blocks: [] };
    for (const line of lines) {
      if (line.startsWith("@@")) model.blocks.push(normalise(line));
      else {
        const f = /^(\w+)\s+(\S+)\s*(.*)$/.exec(line);
        if (!f) throw new Error(`cannot read the line "${line}" of model ${name}`);
        model.fields[f[1]!] = normalise(`${f[2]} ${f[3]}`);
      }
    }
    model.blocks.sort();
    shape.models[name!] = model;
  }
  return shape;
}
