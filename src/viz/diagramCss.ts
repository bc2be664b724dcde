/** Highlight rules shared by the report and the live page (classes set by `toDot` and the page scripts). */
export const diagramCss = `
g.current > path, g.current > polygon, g.current > ellipse { fill: #ffe066 !important; stroke: #e8590c !important; stroke-width: 3px; }
g.cluster.current > path, g.cluster.current > polygon { fill: #fff9db !important; }
g.transition.dim { opacity: .35; }
g.transition.taken > path { stroke-width: 2.5px; }
g.focus > path, g.focus > polygon { stroke: #1c7ed6 !important; stroke-width: 4px; }
`;
