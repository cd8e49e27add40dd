using DiaBan.Analytics.Domain;
using System.Text.Json;
using DiaBan.Analytics.Risk;
using DiaBan.Geo.Data;
using DiaBan.Geo.Import;
using DiaBan.Geo.Queries;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DiaBan.Geo.Services;

/// <summary>
/// The risk model against the database: train and store a version, score a quarter with it, backtest honestly
/// (rolling origin, see <see cref="Backtest"/>), and turn stored scores into a patrol plan for the caller's area.
/// </summary>
public sealed class RiskService(DiaBanDb db, NpgsqlDataSource dataSource)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private RiskPanelQuery Panels => new(dataSource);

    /// <summary>The last quarter with complete incident data; the quarter after it is the one to plan for.</summary>
    public async Task<int> LastDataQuarterAsync(CancellationToken ct = default) =>
        await Panels.LastCompleteQuarterAsync(ct) ?? throw new InvalidOperationException("No incidents in the database / chưa có dữ liệu vụ việc.");

    /// <summary>Trains on every label quarter up to <paramref name="toQuarter"/> (default: the last complete one) and stores the version.</summary>
    public async Task<RiskModelRecord> TrainAsync(int? toQuarter = null, RiskOptions? options = null, string? provinceCode = null,
        CancellationToken ct = default)
    {
        int to = toQuarter ?? await LastDataQuarterAsync(ct);
        var (panel, _) = await Panels.BuildAsync(to, provinceCode: provinceCode, ct: ct);
        var model = RiskModel.Train(panel.Panel, to, options);
        using var buffer = new MemoryStream();
        model.Save(buffer);
        var v = model.Version;
        var record = new RiskModelRecord
        {
            CreatedAt = DateTimeOffset.UtcNow,
            TrainingFromQuarter = v.TrainingFromQuarter,
            TrainingToQuarter = v.TrainingToQuarter,
            ProvinceCode = provinceCode,
            FeatureNames = v.FeatureNames.ToList(),
            Parameters = JsonSerializer.Serialize(v.Parameters),
            Metrics = JsonSerializer.Serialize(v.Metrics),
            TrainingRows = v.TrainingRows,
            DataHash = v.DataHash,
            Guard = v.Guard.ToString(),
            ModelBytes = buffer.ToArray(),
            CreatedBy = db.Actor,
        };
        // the model bytes must not be copied into the audit trail: one summary row instead
        using var bulk = db.BulkWrite("train", "risk_model");
        db.RiskModels.Add(record);
        await db.SaveChangesAsync(ct);
        bulk.Summarise(new
        {
            id = record.Id, window = v.TrainingWindow, rows = v.TrainingRows, hash = v.DataHash, units = panel.Panel.UnitCount,
        });
        await db.SaveChangesAsync(ct);
        return record;
    }

    public Task<RiskModelRecord?> LatestModelAsync(CancellationToken ct = default) =>
        db.RiskModels.AsNoTracking().OrderByDescending(m => m.Id).FirstOrDefaultAsync(ct);

    /// <summary>Scores every commune for <paramref name="forQuarter"/> from data up to the quarter before, replacing that version's earlier scores.</summary>
    public async Task<IReadOnlyList<RiskScoreRecord>> ScoreAsync(int forQuarter, RiskModelRecord? version = null, CancellationToken ct = default)
    {
        version ??= await LatestModelAsync(ct) ?? throw new InvalidOperationException("No trained model / chưa có mô hình: run `diaban model train`.");
        RiskModel model;
        using (var stream = new MemoryStream(version.ModelBytes)) model = RiskModel.Load(stream);
        int origin = forQuarter - 1;
        var (panel, _) = await Panels.BuildAsync(origin, provinceCode: version.ProvinceCode, ct: ct);
        var scores = model.Score(panel.Panel, origin);
        var now = DateTimeOffset.UtcNow;
        var rows = scores.Select(s => new RiskScoreRecord
        {
            UnitId = panel.UnitDbIds[s.UnitIndex],
            Quarter = forQuarter,
            ModelVersionId = version.Id,
            Probability = s.Probability,
            ProbabilitySd = s.ProbabilitySd,
            ProbabilityLow = s.ProbabilityLow,
            ProbabilityHigh = s.ProbabilityHigh,
            ExpectedCount = s.ExpectedCount,
            StatusWorsenProbability = s.StatusWorsenProbability,
            LastStatus = s.LastStatus,
            QuartersSinceLastPatrol = s.QuartersSinceLastPatrol,
            Reasons = JsonSerializer.Serialize(s.Reasons, Json),
            ScoredAt = now,
        }).ToList();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.RiskScores.Where(r => r.ModelVersionId == version.Id && r.Quarter == forQuarter).ExecuteDeleteAsync(ct);
        using var bulk = db.BulkWrite("score", "risk_score");
        db.RiskScores.AddRange(rows);
        bulk.Summarise(new { model = version.Id, quarter = CalendarQuarter.FromOrdinal(forQuarter).Label, rows = rows.Count });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return rows;
    }

    /// <summary>Rolling-origin backtest forecasting every quarter <paramref name="fromQuarter"/>…<paramref name="toQuarter"/> (absolute indices).</summary>
    public async Task<BacktestRun> BacktestAsync(int fromQuarter, int toQuarter, BacktestOptions? options = null,
        string? provinceCode = null, CancellationToken ct = default)
    {
        if (fromQuarter > toQuarter) throw new ArgumentException("--from must not be after --to.");
        var (panel, points) = await Panels.BuildAsync(toQuarter, provinceCode: provinceCode, withPoints: true, ct: ct);
        options = (options ?? new BacktestOptions()) with { FirstOrigin = fromQuarter - 1, LastOrigin = toQuarter - 1 };
        return Backtest.Run(panel.Panel, points, panel.CentroidsM, options);
    }

    /// <summary>
    /// A model and scores for the quarter: trains one when none exists, scores with the newest version when it has not
    /// yet. It writes, so the web app runs it only in its background jobs; requests read with <see cref="HasScoresAsync"/>.
    /// </summary>
    public async Task<RiskModelRecord> EnsureScoresAsync(int forQuarter, CancellationToken ct = default)
    {
        var version = await LatestModelAsync(ct) ?? await TrainAsync(forQuarter - 1, ct: ct);
        if (!await HasScoresAsync(forQuarter, version, ct))
            await ScoreAsync(forQuarter, version, ct);
        return version;
    }

    /// <summary>Whether the newest model (or <paramref name="version"/>) has stored scores for the quarter; only reads.</summary>
    public async Task<bool> HasScoresAsync(int forQuarter, RiskModelRecord? version = null, CancellationToken ct = default)
    {
        version ??= await LatestModelAsync(ct);
        return version is not null && await db.RiskScores.AnyAsync(r => r.ModelVersionId == version.Id && r.Quarter == forQuarter, ct);
    }

    /// <summary>Stored scores of the newest version for the quarter, limited to the caller's area, with names and geometry-free unit data.</summary>
    public async Task<IReadOnlyList<ScoredCommune>> ScoresAsync(int forQuarter, AreaScope scope, CancellationToken ct = default)
    {
        var version = await LatestModelAsync(ct);
        if (version is null || scope.IsEmpty) return [];
        var allowed = await AreaScopeSql.UnitIdsAsync(dataSource, scope, ct);
        var rows = await db.RiskScores.AsNoTracking().Include(r => r.Unit)
            .Where(r => r.ModelVersionId == version.Id && r.Quarter == forQuarter && allowed.Contains(r.UnitId))
            .OrderBy(r => r.Unit.Code).ToListAsync(ct);
        return rows.Select(r => new ScoredCommune(r, r.Unit.Code, r.Unit.Name, r.Unit.Kind, r.Unit.Population ?? 0,
            JsonSerializer.Deserialize<List<RiskReason>>(r.Reasons, Json) ?? [])).ToArray();
    }

    /// <summary>
    /// The patrol plan for the caller's area from the stored scores: capacity communes, ε of them exploration
    /// (PatrolPlanner); null while the newest model has not scored the quarter (see <see cref="EnsureScoresAsync"/>).
    /// </summary>
    public async Task<PatrolPlanResult?> PlanAsync(int forQuarter, int capacity, double exploration, AreaScope scope, CancellationToken ct = default)
    {
        var version = await LatestModelAsync(ct);
        if (version is null || !await HasScoresAsync(forQuarter, version, ct)) return null;
        var communes = await ScoresAsync(forQuarter, scope, ct);
        var risks = communes.Select((c, i) => c.ToCommuneRisk(i)).ToArray();
        var plan = PatrolPlanner.Plan(risks, PatrolCapacity.Communes(capacity, DefaultPatrolDays),
            new PatrolPlanOptions { ExplorationShare = exploration, Seed = forQuarter });
        var rows = plan.Assignments.Select(a => new PatrolPlanRow(a, communes[a.UnitIndex])).ToArray();
        return new PatrolPlanResult(forQuarter, version, plan, rows, communes);
    }

    /// <summary>Patrol-days written per planned commune when a plan is recorded.</summary>
    public const double DefaultPatrolDays = 10;

    /// <summary>Records a plan as patrol exposure (one row per commune) and one audit row.</summary>
    public async Task<int> RecordExposureAsync(PatrolPlanResult plan, string actor, CancellationToken ct = default)
    {
        var now = DateTimeOffset.UtcNow;
        var rows = plan.Rows.Select(r => new PatrolExposure
        {
            UnitId = r.Commune.Score.UnitId,
            Quarter = plan.Quarter,
            PatrolDays = DefaultPatrolDays,
            Prioritised = !r.Assignment.Exploration,
            Exploration = r.Assignment.Exploration,
            RecordedBy = actor,
            RecordedAt = now,
        }).ToList();
        db.Actor = actor;
        using var bulk = db.BulkWrite("record", "patrol_exposure");
        db.PatrolExposures.AddRange(rows);
        bulk.Summarise(new
        {
            quarter = CalendarQuarter.FromOrdinal(plan.Quarter).Label, model = plan.Version.Id, communes = rows.Select(r => r.UnitId).ToArray(),
            exploration = plan.Plan.ExplorationShare,
        });
        await db.SaveChangesAsync(ct);
        return rows.Count;
    }

    /// <summary>
    /// Priority share against population share per commune kind (xã / phường / đặc khu: the merged communes have no
    /// district any more) for each of the last <paramref name="quarters"/> quarters up to <paramref name="forQuarter"/>,
    /// from stored scores only (quarters not scored yet are left out; <see cref="EnsureScoresAsync"/> prepares them).
    /// </summary>
    public async Task<IReadOnlyList<FairnessRow>> FairnessAsync(int forQuarter, int quarters, int capacity, double exploration,
        AreaScope scope, CancellationToken ct = default)
    {
        var list = new List<FairnessQuarter>();
        IReadOnlyList<ScoredCommune> reference = [];
        for (int q = forQuarter - quarters + 1; q <= forQuarter; q++)
        {
            var communes = await ScoresAsync(q, scope, ct);
            if (communes.Count == 0) continue;
            if (reference.Count == 0) reference = communes;
            // unit indices must mean the same commune in every quarter
            var byCode = reference.Select((c, i) => (c.Code, i)).ToDictionary(x => x.Code, x => x.i);
            var risks = communes.Where(c => byCode.ContainsKey(c.Code)).Select(c => c.ToCommuneRisk(byCode[c.Code])).ToArray();
            var plan = PatrolPlanner.Plan(risks, PatrolCapacity.Communes(capacity), new PatrolPlanOptions { ExplorationShare = exploration, Seed = q });
            list.Add(new FairnessQuarter(q, risks, plan));
        }
        return FairnessReport.Build(reference.Select(c => c.KindLabel).ToArray(), reference.Select(c => (double)c.Population).ToArray(), list);
    }
}
