using DiaBan.Geo.Data;
using DiaBan.Geo.Services;
using Microsoft.EntityFrameworkCore;

namespace DiaBan.Web.Hosting.Jobs;

/// <summary>
/// After an incident entry is verified, its year is classified again (a job: a whole year takes seconds, not a request's
/// time) when that year has been classified, so the commune panel's figures and status include the new incident. Keyed
/// by year: verifications in a row share one queued run.
/// </summary>
public static class VerifiedIncidentFollowUp
{
    public static JobStatus? Enqueue(JobQueue jobs, int year, string actor)
    {
        try
        {
            return jobs.Enqueue($"classify-{year}", $"Phân loại lại năm {year} sau khi xác minh vụ việc / reclassify {year}", async (services, progress, ct) =>
            {
                var db = services.GetRequiredService<DiaBanDb>();
                if (!await db.StatusAssessments.AsNoTracking().AnyAsync(a => a.Year == year, ct)) return;
                db.Actor = actor;
                await services.GetRequiredService<YearClassifier>().ClassifyAsync(year, ct: ct);
            });
        }
        catch (JobQueueFullException)
        {
            return null; // the incident is stored and counted by every live query; the panel follows on the next run
        }
    }
}
