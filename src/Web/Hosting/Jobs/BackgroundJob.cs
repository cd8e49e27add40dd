namespace DiaBan.Web.Hosting.Jobs;

/// <summary>The work of a job: runs in its own DI scope on the background runner, reporting progress as it goes.</summary>
public delegate Task JobWork(IServiceProvider services, JobProgress progress, CancellationToken ct);

/// <summary>The job's side of progress reporting: a share done (0–1) and the stage it is in.</summary>
public interface JobProgress
{
    void Report(double done, string stage);
}

/// <summary>One queued piece of work and its live status; only the runner changes it, readers take snapshots.</summary>
internal sealed class BackgroundJob(string key, string title, JobWork work) : JobProgress
{
    private readonly Lock gate = new();
    private JobStatus status = new(Guid.NewGuid().ToString("N")[..12], key, title, JobState.Queued, 0, null, null,
        DateTimeOffset.UtcNow, null, null);

    public JobWork Work { get; } = work;

    public JobStatus Status
    {
        get { lock (gate) return status; }
    }

    public void Report(double done, string stage) =>
        Update(s => s with { Progress = Math.Clamp(done, 0, 1), Stage = stage });

    internal void Start() => Update(s => s with { State = JobState.Running, StartedAt = DateTimeOffset.UtcNow });

    internal void Succeed() => Update(s => s with { State = JobState.Succeeded, Progress = 1, FinishedAt = DateTimeOffset.UtcNow });

    internal void Fail(string error) => Update(s => s with { State = JobState.Failed, Error = error, FinishedAt = DateTimeOffset.UtcNow });

    private void Update(Func<JobStatus, JobStatus> change)
    {
        lock (gate) status = change(status);
    }
}
