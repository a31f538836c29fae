import { XMLParser, XMLValidator } from "fast-xml-parser";

// fast-xml-parser in order-preserving mode: every node is `{ [tag]: children, ":@"?: attributes }`,
// text is `{ "#text": "…" }`. Order matters in Word: paragraphs and tables interleave.

export type XNode = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  trimValues: false, // «xml:space="preserve"» runs carry meaningful spaces
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  htmlEntities: true, // also decodes numeric references («&#8470;» → «№»); XML has no named HTML entities anyway
});

/** Parses XML, or returns null when it is not well-formed (a damaged part of an archive). */
export function parseXml(xml: string): XNode[] | null {
  if (XMLValidator.validate(xml) !== true) return null;
  try {
    return parser.parse(xml) as XNode[];
  } catch {
    return null;
  }
}

export function tagOf(node: XNode): string {
  for (const k of Object.keys(node)) if (k !== ":@") return k;
  return "";
}

export function childrenOf(node: XNode): XNode[] {
  const v = node[tagOf(node)];
  return Array.isArray(v) ? (v as XNode[]) : [];
}

export function attrOf(node: XNode, name: string): string | undefined {
  const a = node[":@"] as Record<string, string> | undefined;
  return a?.[name];
}

export function textOf(node: XNode): string | undefined {
  // parseTagValue is off: text is a string (a number or boolean only from a hand-built node)
  const t = node["#text"] as string | number | boolean | undefined;
  return t === undefined ? undefined : String(t);
}

/** The first child with this tag, or undefined. */
export function child(node: XNode, tag: string): XNode | undefined {
  return childrenOf(node).find((c) => tagOf(c) === tag);
}

/** Descends the top-level array of a parsed document to the element with this tag. */
export function findRoot(nodes: XNode[], tag: string): XNode | undefined {
  return nodes.find((n) => tagOf(n) === tag);
}
