using System.ComponentModel.DataAnnotations;

namespace DiaBan.Reports;

/// <summary>
/// How the report is printed to PDF (section "ReportPdf"): the system Chromium driven by Playwright. Playwright
/// never downloads a browser: without Chromium at <see cref="ChromiumPath"/> printing fails with that path named.
/// </summary>
public sealed class ReportPdfOptions
{
    public const string Section = "ReportPdf";

    [Required]
    public string ChromiumPath { get; set; } = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>--no-sandbox: the server runs Chromium as an unprivileged user without user namespaces.</summary>
    public string[] Arguments { get; set; } = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    [Range(5, 600)]
    public int TimeoutSeconds { get; set; } = 60;
}
