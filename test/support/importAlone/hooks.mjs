// Node module hooks: a module imported with `?alone=N` gets its own copy of every repository module
// it reaches (the query passes from parent to child), so each `alone` import links and evaluates
// a fresh graph with Node's own ESM semantics. Packages in node_modules stay shared.
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  const parent = context.parentURL === undefined ? null : new URL(context.parentURL);
  const alone = parent?.searchParams.get("alone") ?? null;
  if (alone === null || !resolved.url.startsWith("file:") || resolved.url.includes("/node_modules/")) return resolved;
  const url = new URL(resolved.url);
  url.searchParams.set("alone", alone);
  return { ...resolved, url: url.href };
}
