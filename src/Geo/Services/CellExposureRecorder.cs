using DiaBan.Geo.Data;
using DiaBan.Geo.Queries;

namespace DiaBan.Geo.Services;

/// <summary>One square of a recorded sheet: its id (<see cref="GridCellKey"/>) and whether it was an exploration slot.</summary>
public sealed record RecordedCell(long CellId, bool Exploration);

/// <summary>
/// Records a patrol sheet as patrolled: one patrol_cell_exposure row per square, only for squares inside the recorder's
/// area on the first day (checked in SQL through <see cref="PlaceQueries.CellInfoAsync"/>), one summary audit row.
/// </summary>
public sealed class CellExposureRecorder(DiaBanDb db, PlaceQueries places)
{
    public async Task<int> RecordAsync(AreaScope scope, int sizeM, DateOnly from, DateOnly to, IReadOnlyList<RecordedCell> cells,
        double patrolDaysPerCell, string actor, CancellationToken ct = default)
    {
        if (to <= from) throw new ArgumentException("the period must end after it starts / kỳ tuần tra không hợp lệ", nameof(to));
        var wanted = cells.GroupBy(c => c.CellId).ToDictionary(g => g.Key, g => g.First().Exploration);
        var inScope = await places.CellInfoAsync(scope, sizeM, from, wanted.Keys, ct);
        if (inScope.Count == 0) return 0;
        var now = DateTimeOffset.UtcNow;
        var rows = inScope.Select(c => new PatrolCellExposure
        {
            SizeM = sizeM, Srid = c.Srid, I = c.I, J = c.J, UnitId = c.UnitId, PeriodFrom = from, PeriodTo = to,
            PatrolDays = patrolDaysPerCell, Prioritised = !wanted[c.Id], Exploration = wanted[c.Id], RecordedBy = actor, RecordedAt = now,
        }).ToList();
        db.Actor = actor;
        using var bulk = db.BulkWrite("record", "patrol_cell_exposure");
        db.PatrolCellExposures.AddRange(rows);
        bulk.Summarise(new
        {
            size_m = sizeM, from, to, cells = rows.Select(r => GridCellKey.Of(r.Srid, r.I, r.J)).ToArray(),
            communes = rows.Select(r => r.UnitId).Distinct().ToArray(), refused = wanted.Count - rows.Count,
        });
        await db.SaveChangesAsync(ct);
        return rows.Count;
    }
}
