using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DiaBan.Web.Hosting.Jobs;

/// <summary>/health's view of the background queue: unhealthy when the runner stopped, with counts of active and failed jobs.</summary>
public sealed class JobQueueHealthCheck(JobQueue queue, JobRunner runner) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var jobs = queue.Snapshot();
        var data = new Dictionary<string, object>
        {
            ["queued"] = jobs.Count(j => j.State == JobState.Queued),
            ["running"] = jobs.Count(j => j.State == JobState.Running),
            ["failed"] = jobs.Count(j => j.State == JobState.Failed),
        };
        if (!runner.IsRunning) return Task.FromResult(HealthCheckResult.Unhealthy("background job runner is not running", data: data));
        var failed = jobs.FirstOrDefault(j => j.State == JobState.Failed);
        return Task.FromResult(failed is null
            ? HealthCheckResult.Healthy("background job runner is running", data)
            : HealthCheckResult.Degraded($"a recent job failed: {failed.Title}: {failed.Error}", data: data));
    }
}
