using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace DiaBan.Web.Hosting.Jobs;

/// <summary>
/// Runs the queued jobs one after another (training and scoring are CPU-bound and share the database; one at a time
/// keeps two first visits from training two models), each in its own DI scope, traced and logged.
/// </summary>
public sealed partial class JobRunner(JobQueue queue, IServiceScopeFactory scopes, ILogger<JobRunner> logger) : BackgroundService
{
    public const string TelemetryName = "DiaBan.Jobs";
    private static readonly ActivitySource Activities = new(TelemetryName);
    private static readonly Meter Meter = new(TelemetryName);
    private static readonly Counter<long> Completed = Meter.CreateCounter<long>("diaban.jobs.completed", description: "Background jobs finished, by outcome");
    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("diaban.jobs.duration", "s", "Background job run time");

    /// <summary>True while the runner's loop is alive; the health check reports the queue unhealthy otherwise.</summary>
    public bool IsRunning { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        IsRunning = true;
        try
        {
            await foreach (var job in queue.ReadAllAsync(stoppingToken))
            {
                await RunAsync(job, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down: queued jobs are in memory only and are asked for again by the next request
        }
        finally
        {
            IsRunning = false;
        }
    }

    private async Task RunAsync(BackgroundJob job, CancellationToken ct)
    {
        var status = job.Status;
        using var activity = Activities.StartActivity($"job {status.Title}");
        activity?.SetTag("diaban.job.key", status.Key);
        var clock = Stopwatch.StartNew();
        job.Start();
        LogStarted(status.Id, status.Key, status.Title);
        string outcome;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await job.Work(scope.ServiceProvider, job, ct);
            job.Succeed();
            outcome = "succeeded";
            LogSucceeded(status.Id, status.Key, clock.Elapsed.TotalSeconds);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            job.Fail("stopped with the application / dừng cùng ứng dụng");
            outcome = "cancelled";
        }
        catch (Exception e)
        {
            // a failed job must not stop the runner: the error is shown on the job and in the log
            job.Fail(e.Message);
            outcome = "failed";
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            LogFailed(e, status.Id, status.Key);
        }
        finally
        {
            queue.Finished(job);
        }
        Completed.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        Duration.Record(clock.Elapsed.TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "job {JobId} {JobKey} started: {Title}")]
    private partial void LogStarted(string jobId, string jobKey, string title);

    [LoggerMessage(Level = LogLevel.Information, Message = "job {JobId} {JobKey} succeeded in {Seconds:0.0} s")]
    private partial void LogSucceeded(string jobId, string jobKey, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "job {JobId} {JobKey} failed")]
    private partial void LogFailed(Exception error, string jobId, string jobKey);
}
