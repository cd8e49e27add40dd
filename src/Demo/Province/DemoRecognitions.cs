using DiaBan.Analytics.Classification;
using DiaBan.Analytics.Planning;
using DiaBan.Geo.Data;
using DiaBan.Geo.Queries;
using DiaBan.Geo.Services;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DiaBan.Demo.Province;

/// <summary>
/// A few drug-free recognition cases at different steps for the demo province (issue 8 §8): proposed, returned,
/// appraised, and recognised by decision — taken through <see cref="RecognitionStore"/>, so they obey the state machine
/// and are audited like a user's steps. The communes are the least severe of the year (the recognised one is computed
/// drug-free, so its official status equals its computed one and the demo's status counts do not move).
/// </summary>
public static class DemoRecognitions
{
    /// <summary>The year proposed: the last complete year of the demo.</summary>
    public const int Year = DemoSeeder.LastYear - 1;

    /// <summary>The demo police officer answers for the first communes by code (Web's DemoAccounts): they stay without a case for his own proposal.</summary>
    private const int KeptFree = 3;

    public static async Task<int> SeedAsync(DiaBanDb db, CancellationToken ct = default)
    {
        var candidates = await db.StatusAssessments.AsNoTracking()
            .Where(a => a.Year == Year && a.Unit.Level == UnitLevel.Commune && a.Unit.ValidTo == null)
            .Select(a => new { a.Unit.Code, a.ComputedStatus }).ToListAsync(ct);
        var free = candidates.Select(c => c.Code).Order(StringComparer.Ordinal).Take(KeptFree).ToHashSet();
        // a commune without enough data is never proposed in the demo: missing figures are not evidence
        var chosen = candidates.Where(c => !free.Contains(c.Code) && c.ComputedStatus != CommuneStatus.InsufficientData)
            .OrderBy(c => c.ComputedStatus.Severity()).ThenBy(c => c.Code, StringComparer.Ordinal)
            .Select(c => c.Code).Take(4).ToList();
        if (chosen.Count < 4) return 0;

        await using var source = NpgsqlDataSource.Create(db.Database.GetConnectionString()!);
        var clock = new DemoClock(new DateTimeOffset(Year + 1, 1, 12, 2, 0, 0, TimeSpan.Zero));
        var store = new RecognitionStore(db, new RecognitionQueries(source, db), clock);
        var decided = chosen[0];

        async Task<uint> Step(string code, RecognitionRequest request, string actor, uint? version)
        {
            clock.Advance(TimeSpan.FromDays(3));
            var result = await store.TakeStepAsync(code, request, actor, AreaScope.Everything, version, ct: ct);
            return result.Value?.Version ?? throw new InvalidOperationException(
                $"demo recognition of {code}: {request.Action.Code()} refused ({result.Outcome}: {result.Message})");
        }

        const string police = "demo:police@diaban.local", planner = "demo:planner@diaban.local", leader = "demo:leader@diaban.local";
        var proposal = new RecognitionRequest(RecognitionAction.Propose, RecognitionRole.Police, Year,
            $"Đề nghị công nhận xã không ma túy năm {Year} (dữ liệu mẫu)");
        // recognised: proposed, appraised, decided
        var v = await Step(decided, proposal, police, null);
        v = await Step(decided, new(RecognitionAction.Appraise, RecognitionRole.Planner, Note: "Hồ sơ đủ điều kiện, đề nghị công nhận"), planner, v);
        await Step(decided, new(RecognitionAction.Recognise, RecognitionRole.Leader,
            Decision: new DecisionRef($"{Year + 1 - 2000:D2}/QĐ-UBND", DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime))), leader, v);
        // appraised, waiting for the decision
        v = await Step(chosen[1], proposal, police, null);
        await Step(chosen[1], new(RecognitionAction.Appraise, RecognitionRole.Planner, Note: "Đạt các tiêu chí"), planner, v);
        // returned with reasons
        v = await Step(chosen[2], proposal, police, null);
        await Step(chosen[2], new(RecognitionAction.Return, RecognitionRole.Planner,
            Reasons: ["Thiếu biên bản họp dân", "Số liệu người sử dụng trái phép chưa được xác nhận"]), planner, v);
        // proposed, waiting for appraisal
        await Step(chosen[3], proposal, police, null);
        return chosen.Count;
    }

    /// <summary>Steps a few days apart, so the history reads like a real procedure.</summary>
    private sealed class DemoClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset now = start;

        public void Advance(TimeSpan by) => now += by;

        public override DateTimeOffset GetUtcNow() => now;
    }
}
