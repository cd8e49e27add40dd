using System.ComponentModel.DataAnnotations;

namespace DiaBan.Web.Risk;

/// <summary>
/// Configuration section "RiskJobs": how the web app prepares risk models and scores in the background. Not the model's
/// own settings (those are <see cref="DiaBan.Analytics.Risk.RiskOptions"/>).
/// </summary>
public sealed class RiskJobOptions
{
    public const string Section = "RiskJobs";

    /// <summary>Queue the next quarter's scores when the app starts, so the first visit to the patrol page finds them ready.</summary>
    public bool PrepareOnStart { get; set; } = true;

    /// <summary>Jobs the queue holds before it refuses more (503).</summary>
    [Range(1, 10_000)]
    public int QueueCapacity { get; set; } = 100;

    /// <summary>Finished jobs kept for GET /api/jobs/{id}.</summary>
    [Range(1, 100_000)]
    public int KeepFinishedJobs { get; set; } = 200;

    /// <summary>Seconds a 202 answer tells the client to wait before asking again (Retry-After).</summary>
    [Range(1, 600)]
    public int RetryAfterSeconds { get; set; } = 2;

    /// <summary>Forecast quarters GET /api/model/backtest reports (the newest ones with outcomes).</summary>
    [Range(1, 40)]
    public int BacktestQuarters { get; set; } = 4;

    /// <summary>Recent quarters in the patrol page's fairness table.</summary>
    [Range(1, 20)]
    public int FairnessQuarters { get; set; } = 4;
}
