/// The page's inline stylesheet: system fonts only, nothing fetched.
enum ReportStyle {
    static let css = """

        :root { --ok:#2e9d57; --fail:#d33c3c; --cancel:#9a9a9a; --open:#e8912d; --crit:#1f3a93; --label:330px; }
        * { box-sizing: border-box; }
        body { font: 13px/1.35 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color:#222;
               margin: 0; padding: 16px 20px; background:#fafafa; }
        h1 { font-size: 20px; margin: 0 0 8px; } h2 { font-size: 16px; margin: 0 0 8px; }
        h2 small, .label small { color:#666; font-weight: normal; }
        code { font: 12px ui-monospace, "DejaVu Sans Mono", monospace; }
        header { background:#fff; border:1px solid #ddd; border-radius:6px; padding:12px 16px; margin-bottom:16px; }
        dl.meta { display:grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 0 0 10px; }
        dl.meta dt { color:#666; } dl.meta dd { margin:0; font-weight:600; }
        .legend { display:flex; flex-wrap:wrap; gap: 4px 16px; color:#444; }
        .sw { display:inline-block; width:22px; height:10px; margin-right:5px; vertical-align:middle; border-radius:2px; }
        .sw.ok, .attempt.ok { background:var(--ok); } .sw.fail, .attempt.fail { background:var(--fail); }
        .sw.cancel, .attempt.cancel { background:var(--cancel); } .sw.open, .attempt.open { background:var(--open); }
        .sw.wait { background: repeating-linear-gradient(45deg,#bbb 0 3px,#eee 3px 6px); }
        .sw.crit { background:#fff; outline:2px solid var(--crit); }
        .status { display:inline-block; padding:0 6px; border-radius:3px; color:#fff; font-size:11px; font-weight:600;
                  text-transform: uppercase; background:var(--open); vertical-align: 1px; }
        .status.ok { background:var(--ok); } .status.fail { background:var(--fail); }
        .status.cancel { background:var(--cancel); } .status.warn { background:#b8860b; }
        section.run { background:#fff; border:1px solid #ddd; border-radius:6px; padding:12px 16px; margin-bottom:16px; }
        .failure, .warning { color:#a12020; margin:4px 0 8px; white-space: pre-wrap; }
        .chart { border-top:1px solid #ddd; }
        .row { display:grid; grid-template-columns: var(--label) 1fr; min-height: 20px; border-bottom:1px solid #f0f0f0; }
        .row .label { padding: 2px 8px 2px 0; overflow:hidden; text-overflow:ellipsis; white-space:nowrap; }
        .row .track { position:relative; background-image: linear-gradient(to right, #e6e6e6 1px, transparent 1px);
                      background-size: var(--tick) 100%; margin-right: 60px; }
        .row.axis { background:#fff; height: 22px; color:#666; }
        .tick { position:absolute; top:3px; transform: translateX(-50%); font-size: 11px; white-space: nowrap; }
        .row.step { background:#f4f6fa; margin-top: 4px; } .row.step .label { font-weight:600; }
        .row.wave .label { padding-left: 14px; color:#555; }
        .row.task .label { padding-left: 28px; font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12px; }
        .row.on-path .label { color: var(--crit); font-weight: 700; }
        .why { font-weight: normal; color:#a12020; white-space: normal; font-size: 12px; }
        .skip { position:absolute; left:4px; top:3px; color:#777; font-style: italic; white-space: nowrap; }
        .span { position:absolute; top:7px; height:6px; min-width:2px; border-radius:3px; background:#8da2c8; }
        .span.step-span { top:5px; height:10px; background:#5b76a8; } .span.step-span.fail { background:var(--fail); }
        .span.step-span.cancel { background:var(--cancel); } .span.step-span.open { background:var(--open); }
        .span.wave-span { background:#b3c2dd; }
        .bar { position:absolute; top:3px; height:14px; min-width:3px; border-radius:2px; display:block;
               background: repeating-linear-gradient(45deg,#bbb 0 3px,#eee 3px 6px); overflow:hidden; }
        .bar.crit { outline: 2px solid var(--crit); outline-offset: 1px; z-index: 1; }
        .bar:hover { filter: brightness(1.15); }
        .attempt { position:absolute; top:0; bottom:0; min-width:2px; }
        .after { position:absolute; top:3px; margin-left:6px; font-size:11px; color:#777; white-space:nowrap; }
        .mark { font-family: system-ui, sans-serif; font-size: 11px; font-weight:700; }
        .mark.retry { color:#b8860b; } .mark.fail { color:var(--fail); } .mark.open { color:var(--open); }
        .mark.cancel { color:var(--cancel); }
        .path { margin: 10px 0 0; } .path code { color: var(--crit); }
        .notices { color:#555; margin: 8px 0 0; padding-left: 18px; }

        """
}
