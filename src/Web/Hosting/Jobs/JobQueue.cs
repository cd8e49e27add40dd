using System.Collections.Concurrent;
using System.Threading.Channels;
using DiaBan.Web.Risk;
using Microsoft.Extensions.Options;

namespace DiaBan.Web.Hosting.Jobs;

/// <summary>
/// The queue of background work (training, scoring, backtests): a bounded channel the <see cref="JobRunner"/> reads, and
/// an in-memory registry so callers can follow a job by id. Keyed: asking again for a job that is still queued or
/// running returns that job instead of queueing the same work twice.
/// </summary>
public sealed class JobQueue
{
    private readonly Channel<BackgroundJob> channel;
    private readonly ConcurrentDictionary<string, BackgroundJob> byId = new();
    private readonly ConcurrentDictionary<string, BackgroundJob> activeByKey = new();
    private readonly ConcurrentQueue<string> finished = new();
    private readonly Lock enqueueGate = new();
    private readonly int keepFinished;

    public JobQueue(IOptions<RiskJobOptions> options)
    {
        channel = Channel.CreateBounded<BackgroundJob>(new BoundedChannelOptions(options.Value.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        keepFinished = options.Value.KeepFinishedJobs;
    }

    /// <summary>Queues <paramref name="work"/> under <paramref name="key"/> unless a job with that key is queued or running; returns the job's status.</summary>
    /// <exception cref="JobQueueFullException">The queue holds its configured capacity of jobs.</exception>
    public JobStatus Enqueue(string key, string title, JobWork work)
    {
        lock (enqueueGate)
        {
            if (Active(key) is { } active) return active;
            var job = new BackgroundJob(key, title, work);
            if (!channel.Writer.TryWrite(job)) throw new JobQueueFullException(key);
            byId[job.Status.Id] = job;
            activeByKey[key] = job;
            return job.Status;
        }
    }

    public JobStatus? Find(string id) => byId.TryGetValue(id, out var job) ? job.Status : null;

    /// <summary>The queued or running job for <paramref name="key"/>, if any.</summary>
    public JobStatus? Active(string key) =>
        // a job is marked finished a moment before the runner takes it off this map: its status decides
        activeByKey.TryGetValue(key, out var job) && job.Status is { IsActive: true } status ? status : null;

    /// <summary>Statuses of the jobs still known (active and recently finished), newest first.</summary>
    public IReadOnlyList<JobStatus> Snapshot() =>
        byId.Values.Select(j => j.Status).OrderByDescending(s => s.QueuedAt).ToArray();

    /// <summary>True when nothing is queued or running.</summary>
    public bool IsIdle => activeByKey.Values.All(j => !j.Status.IsActive);

    internal IAsyncEnumerable<BackgroundJob> ReadAllAsync(CancellationToken ct) => channel.Reader.ReadAllAsync(ct);

    internal void Finished(BackgroundJob job)
    {
        activeByKey.TryRemove(new KeyValuePair<string, BackgroundJob>(job.Status.Key, job));
        finished.Enqueue(job.Status.Id);
        // the registry keeps the newest finished jobs only, so it cannot grow without bound
        while (finished.Count > keepFinished && finished.TryDequeue(out var old)) byId.TryRemove(old, out _);
    }
}

public sealed class JobQueueFullException(string key)
    : InvalidOperationException($"the background job queue is full; '{key}' was not queued / hàng đợi đang đầy, hãy thử lại sau");
