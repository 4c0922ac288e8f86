// Parse the catalogue and the manifests of a built site with Readium's own JS models,
// as a Readium-based app would: r2-opds-js (OPDSFeed) and r2-shared-js (Publication),
// the models of Thorium and r2-streamer-js, and @readium/shared (Manifest), the
// TypeScript toolkit's. Prints one JSON object: per file, what each model read.
//
//   node tests/support/readium_parse.mjs <site folder> <file> [<file> ...]
//
// Files are site paths: opds*.json (catalogue pages) or */manifest.json (issue and
// Divina manifests). A model that throws, or reads no title or identifier, shows in the
// output; tests/build/test_app_catalogue.py compares it with the JSON itself.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const require = createRequire(import.meta.url);
const r2 = (pkg, path) => require(`${pkg}/dist/es8-es2017/src/${path}`);
require("reflect-metadata");

const { initGlobalConverters_GENERIC, initGlobalConverters_SHARED } = r2("r2-shared-js", "init-globals");
const { initGlobalConverters_OPDS } = r2("r2-opds-js", "opds/init-globals");
const { TaJsonDeserialize } = r2("r2-lcp-js", "serializable");
const { OPDSFeed } = r2("r2-opds-js", "opds/opds2/opds2");
const { Publication } = r2("r2-shared-js", "models/publication");
const { Manifest, Metadata, Links } = await import("@readium/shared");

initGlobalConverters_SHARED();
initGlobalConverters_GENERIC();
initGlobalConverters_OPDS();

const [site, ...files] = process.argv.slice(2);

function readiumManifest(json) {
  // @readium/shared returns undefined for what it cannot read as a manifest
  const m = Manifest.deserialize(json);
  if (!m) return { error: "Manifest.deserialize returned nothing" };
  const meta = m.metadata;
  return {
    title: meta.title?.getTranslation ? meta.title.getTranslation() : String(meta.title ?? ""),
    identifier: meta.identifier ?? null,
    languages: meta.languages ?? [],
    conformsTo: [...(meta.conformsTo ?? [])].map(String),
    readingProgression: meta.readingProgression ?? null,
    readingOrder: m.readingOrder.items.map((l) => l.href),
    links: m.links.items.map((l) => ({ rel: [...(l.rels ?? [])], href: l.href, type: l.type })),
    belongsTo: meta.belongsTo ? Object.keys(meta.belongsTo) : [],
  };
}

function readiumOpdsPublication(json) {
  // an OPDS publication has no readingOrder, which Manifest requires: its parts
  const meta = Metadata.deserialize(json.metadata);
  const links = Links.deserialize(json.links);
  const images = Links.deserialize(json.images);
  if (!meta || !links || !images) return { error: "metadata, links or images unreadable" };
  return {
    title: meta.title?.getTranslation ? meta.title.getTranslation() : String(meta.title ?? ""),
    identifier: meta.identifier ?? null,
    languages: meta.languages ?? [],
    conformsTo: [...(meta.conformsTo ?? [])].map(String),
    links: links.items.map((l) => ({ rel: [...(l.rels ?? [])], href: l.href, type: l.type })),
    images: images.items.map((l) => [l.href, l.width, l.height]),
  };
}

function r2Publication(json) {
  const p = TaJsonDeserialize(json, Publication);
  return {
    title: typeof p.Metadata.Title === "string" ? p.Metadata.Title : JSON.stringify(p.Metadata.Title),
    identifier: p.Metadata.Identifier ?? null,
    languages: p.Metadata.Language ?? [],
    conformsTo: p.Metadata.ConformsTo ?? null,
    readingOrder: (p.Spine ?? []).map((l) => l.Href),
    resources: (p.Resources ?? []).length,
  };
}

function r2Feed(json) {
  const f = TaJsonDeserialize(json, OPDSFeed);
  const pubs = (f.Publications ?? []).map((p) => ({
    title: typeof p.Metadata.Title === "string" ? p.Metadata.Title : JSON.stringify(p.Metadata.Title),
    identifier: p.Metadata.Identifier ?? null,
    acquisitions: (p.Links ?? []).filter((l) => (l.Rel ?? []).some((r) => r.includes("acquisition"))).map((l) => [l.Href, l.TypeLink]),
    images: (p.Images ?? []).map((i) => [i.Href, i.Width, i.Height]),
  }));
  const groups = (f.Groups ?? []).map((g) => ({
    title: g.Metadata?.Title ?? null,
    publications: (g.Publications ?? []).map((p) => ({
      title: typeof p.Metadata.Title === "string" ? p.Metadata.Title : JSON.stringify(p.Metadata.Title),
      identifier: p.Metadata.Identifier ?? null,
      conformsTo: p.Metadata.ConformsTo ?? null,
      acquisitions: (p.Links ?? []).filter((l) => (l.Rel ?? []).some((r) => r.includes("acquisition"))).map((l) => [l.Href, l.TypeLink]),
    })),
  }));
  return { title: f.Metadata?.Title ?? null, publications: pubs, groups };
}

const out = {};
for (const file of files) {
  const json = JSON.parse(readFileSync(join(site, file), "utf-8"));
  const result = {};
  const guard = (name, fn) => {
    try {
      result[name] = fn();
    } catch (e) {
      result[name] = { error: String(e && e.stack ? e.stack.split("\n")[0] : e) };
    }
  };
  if (file.startsWith("opds")) {
    guard("r2-opds-js", () => r2Feed(json));
    guard("@readium/shared", () =>
      [...(json.publications ?? []), ...(json.groups ?? []).flatMap((g) => g.publications ?? [])].map(
        readiumOpdsPublication,
      ),
    );
  } else {
    guard("r2-shared-js", () => r2Publication(json));
    guard("@readium/shared", () => readiumManifest(json));
  }
  out[file] = result;
}
process.stdout.write(JSON.stringify(out));
