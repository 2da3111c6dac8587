/** The console's one stylesheet, served from the console itself (no asset from outside the package). */
export const CONSOLE_CSS = `
:root { font-family: system-ui, sans-serif; color: #1d2430; background: #f6f7f9; }
body { margin: 0; }
header { background: #1d2430; color: #fff; padding: 10px 20px; display: flex; gap: 24px; align-items: baseline; }
header a { color: #cfe0ff; text-decoration: none; }
header strong { font-size: 1.1em; }
main { padding: 16px 20px; max-width: 1200px; }
h2 { margin: 22px 0 8px; font-size: 1.15em; }
table { border-collapse: collapse; background: #fff; margin: 6px 0 14px; }
th, td { border: 1px solid #d6dae1; padding: 4px 8px; text-align: left; vertical-align: top; font-size: 0.92em; }
th { background: #eceff4; }
.muted { color: #6b7280; }
.item { background: #fff; border: 1px solid #d6dae1; border-radius: 6px; padding: 10px 14px; margin: 10px 0; }
.item h3 { margin: 0 0 6px; font-size: 1em; }
.item code { background: #eef1f6; padding: 1px 4px; border-radius: 3px; }
.actions { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 8px; }
.actions form { display: inline-flex; gap: 4px; margin: 0; }
button { background: #2f6fdf; color: #fff; border: 0; border-radius: 4px; padding: 5px 10px; cursor: pointer; font-size: 0.9em; }
button.secondary { background: #6b7280; }
button.danger { background: #b4412f; }
input[type=text] { padding: 4px; border: 1px solid #b8bfcc; border-radius: 4px; }
.status-ok { color: #1f7a3a; font-weight: 600; }
.status-partial, .status-stopped { color: #a66300; font-weight: 600; }
.status-failed, .status-interrupted { color: #b4412f; font-weight: 600; }
.notice { background: #e6f4ea; border: 1px solid #9fd3ae; padding: 8px 12px; border-radius: 4px; }
.error { background: #fdecea; border: 1px solid #f0a39a; padding: 8px 12px; border-radius: 4px; }
.chart .bar { fill: #2f6fdf; }
.chart .budget { stroke: #b4412f; stroke-dasharray: 4 3; }
.chart .axis { stroke: #6b7280; }
.chart .label { font-size: 12px; fill: #1d2430; }
.chart .tick { font-size: 10px; fill: #6b7280; }
pre { background: #fff; border: 1px solid #d6dae1; padding: 10px; overflow-x: auto; font-size: 0.85em; }
`;
