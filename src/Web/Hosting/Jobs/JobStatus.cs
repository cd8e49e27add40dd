using System.Text.Json.Serialization;

namespace DiaBan.Web.Hosting.Jobs;

// named in JSON ("Running"), so clients need no table of numbers
[JsonConverter(typeof(JsonStringEnumConverter<JobState>))]
public enum JobState { Queued, Running, Succeeded, Failed }

/// <summary>What GET /api/jobs/{id} and a 202 answer show: where a background job is and how far it got (0–1).</summary>
/// <param name="Stage">What the job is doing now, in Vietnamese for the page ("Huấn luyện mô hình…").</param>
public sealed record JobStatus(string Id, string Key, string Title, JobState State, double Progress, string? Stage, string? Error,
    DateTimeOffset QueuedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt)
{
    public bool IsActive => State is JobState.Queued or JobState.Running;
}
