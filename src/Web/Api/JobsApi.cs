using DiaBan.Web.Hosting.Jobs;
using DiaBan.Web.Risk;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DiaBan.Web.Api;

/// <summary>GET /api/jobs/{id}: the progress of a background job a 202 answer named (any signed-in user).</summary>
public static class JobsApi
{
    public static IEndpointRouteBuilder MapJobsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/jobs/{id}", GetJob).WithTags("Jobs")
            .WithSummary("State (Queued, Running, Succeeded, Failed), progress 0–1 and stage of a background job; 404 once forgotten.");
        return app;
    }

    public static Results<Ok<JobStatus>, NotFound> GetJob(HttpContext http, JobQueue jobs, RiskWorkspace risk, string id)
    {
        if (jobs.Find(id) is not { } job) return TypedResults.NotFound();
        if (job.IsActive) http.Response.Headers.RetryAfter = risk.Options.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Ok(job);
    }

    /// <summary>202 Accepted: the answer is being prepared by <paramref name="job"/>; ask again after Retry-After seconds.</summary>
    public static Accepted<JobStatus> Accepted(HttpContext http, JobStatus job, RiskJobOptions options)
    {
        http.Response.Headers.RetryAfter = options.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Accepted($"/api/jobs/{job.Id}", job);
    }
}
