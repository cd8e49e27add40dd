namespace DiaBan.Reports;

/// <summary>The report's stylesheet, inlined in the printed document and in the page's preview (A4 portrait).</summary>
public static class ReportStyles
{
    public const string Css = """
        .report { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10pt; color: #111; }
        .report h1 { font-size: 15pt; margin: 0.2em 0; }
        .report h2 { font-size: 11.5pt; margin: 1em 0 0.4em; }
        .report .report-area { font-weight: bold; text-transform: uppercase; margin: 0; }
        .report .muted { color: #555; }
        .report table { border-collapse: collapse; width: 100%; margin-bottom: 0.3em; }
        .report th, .report td { border: 1px solid #999; padding: 2px 5px; vertical-align: top; }
        .report th { background: #eef2f7; text-align: left; }
        .report td { overflow-wrap: anywhere; }
        .report td:first-child { min-width: 32mm; }
        .report .num { text-align: right; white-space: nowrap; overflow-wrap: normal; }
        .report .note { font-size: 8.5pt; color: #444; margin: 0.2em 0 0.8em; }
        .report .status-map { width: 100%; max-height: 105mm; border: 1px solid #ccc; background: #fafafa; }
        .report .legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: 9pt; }
        .report .swatch { display: inline-block; width: 12px; height: 12px; margin-right: 4px; border: 1px solid #777; vertical-align: middle; }
        .report .bar-chart { max-width: 170mm; }
        .report .bar-label, .report .bar-value { font-size: 11px; }
        .report .report-table, .report .report-figure { break-inside: avoid-page; }
        @page { size: A4 portrait; }
        """;
}
