using System.Text.Json;
using System.Text.Json.Nodes;
using DiaBan.Analytics.Classification;
using DiaBan.Analytics.Domain;
using DiaBan.Analytics.Planning;
using DiaBan.Analytics.Records;
using DiaBan.Geo.Data;
using DiaBan.Geo.Queries;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DiaBan.Geo.Services;

/// <summary>One commune's form for a period: the figures its rule set needs, what was entered and where its review stands.</summary>
public sealed record FigureForm(string Code, string Name, ReportPeriod Period, IndicatorField Required, FigureValues Values,
    ReviewState? State, string? EnteredBy, DateTimeOffset? EnteredAt, string? SubmittedBy, DateTimeOffset? SubmittedAt,
    string? ApprovedBy, DateTimeOffset? ApprovedAt, string? ReturnedBy, DateTimeOffset? ReturnedAt, string? ReturnedReason);

/// <summary>
/// The figures form per commune and period (issue 9 §3, like a DHIS2 data set): commune police enter and submit, a
/// province officer approves (verifies) or returns with a reason — <see cref="EntryReview"/>'s cycle. Every write goes
/// through EF under the caller's name, so the <see cref="AuditInterceptor"/> audits it; a caller reaches only communes of
/// his area (checked in SQL, outside answers like a missing commune). An approved year's figures are copied into
/// unit_indicator in the same transaction, received at the submission time, so classification reads only approved
/// (or imported) figures; below a year the entry itself is what completeness reads.
/// </summary>
public sealed class FigureEntryStore(DiaBanDb db, CompletenessQueries completeness, TimeProvider time)
{
    public const int MaxReasonLength = 1000;

    public async Task<FigureForm?> FormAsync(string code, ReportPeriod period, AreaScope scope, CancellationToken ct = default)
    {
        var unit = await FindCommuneAsync(code, period, scope, ct);
        if (unit is null) return null;
        var entry = await db.FigureEntries.AsNoTracking().FirstOrDefaultAsync(e => e.UnitId == unit.Value.Id && e.Period == period.Code, ct);
        return await ToFormAsync(unit.Value.Code, unit.Value.Name, period, entry, ct);
    }

    /// <summary>Forms of a period in the caller's area that are in a state (the province's review queue).</summary>
    public async Task<IReadOnlyList<FigureForm>> ListAsync(ReportPeriod? period, ReviewState? state, AreaScope scope, CancellationToken ct = default)
    {
        if (scope.IsEmpty) return [];
        var ids = await ScopeUnitIdsAsync(scope, ct);
        var code = period?.Code;
        var entries = await db.FigureEntries.AsNoTracking().Include(e => e.Unit)
            .Where(e => ids.Contains(e.UnitId) && (code == null || e.Period == code) && (state == null || e.State == state))
            .OrderBy(e => e.Period).ThenBy(e => e.Unit.Code).Take(2000).ToListAsync(ct);
        var forms = new List<FigureForm>();
        foreach (var e in entries) forms.Add(await ToFormAsync(e.Unit.Code, e.Unit.Name, ReportPeriod.Parse(e.Period), e, ct));
        return forms;
    }

    /// <summary>Saves the figures as a draft (a new form, a draft or a returned one); nothing else may be edited.</summary>
    public async Task<WriteResult<FigureForm>> SaveAsync(string code, ReportPeriod period, IReadOnlyDictionary<string, string?> fields, string actor,
        AreaScope scope, CancellationToken ct = default)
    {
        var (values, errors) = FigureValues.Parse(fields);
        if (values is null) return Write.Invalid(errors);
        return await StepAsync(code, period, ReviewAction.Edit, actor, scope, (entry, now) =>
        {
            entry.Figures = ToJson(values);
            entry.EnteredBy = actor;
            entry.EnteredAt = now;
            return Task.CompletedTask;
        }, create: true, ct);
    }

    public Task<WriteResult<FigureForm>> SubmitAsync(string code, ReportPeriod period, string actor, AreaScope scope, CancellationToken ct = default) =>
        StepAsync(code, period, ReviewAction.Submit, actor, scope, (entry, now) =>
        {
            entry.SubmittedBy = actor;
            entry.SubmittedAt = now;
            return Task.CompletedTask;
        }, create: false, ct);

    /// <summary>Approves (verifies) a submitted form; a year's figures then go into unit_indicator in the same transaction.</summary>
    public Task<WriteResult<FigureForm>> ApproveAsync(string code, ReportPeriod period, string actor, AreaScope scope, CancellationToken ct = default) =>
        StepAsync(code, period, ReviewAction.Verify, actor, scope, async (entry, now) =>
        {
            entry.ApprovedBy = actor;
            entry.ApprovedAt = now;
            if (period.IsWholeYear) await CopyToIndicatorsAsync(entry, ct);
        }, create: false, ct);

    public async Task<WriteResult<FigureForm>> ReturnAsync(string code, ReportPeriod period, string reason, string actor, AreaScope scope, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > MaxReasonLength)
            return Write.Invalid("reason",
                $"cần ghi lý do trả lại (tối đa {MaxReasonLength} ký tự) / a reason of at most {MaxReasonLength} characters is required");
        return await StepAsync(code, period, ReviewAction.Return, actor, scope, (entry, now) =>
        {
            entry.ReturnedBy = actor;
            entry.ReturnedAt = now;
            entry.ReturnedReason = reason.Trim();
            return Task.CompletedTask;
        }, create: false, ct);
    }

    // one review step in one transaction: find the commune in scope, check the cycle allows the action, apply, save
    private async Task<WriteResult<FigureForm>> StepAsync(string code, ReportPeriod period, ReviewAction action, string actor, AreaScope scope,
        Func<FigureEntry, DateTimeOffset, Task> apply, bool create, CancellationToken ct)
    {
        var unit = await FindCommuneAsync(code, period, scope, ct);
        if (unit is null) return Write.NotFound;
        return await db.Database.CreateExecutionStrategy().ExecuteAsync<WriteResult<FigureForm>>(async token =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(token);
            var entry = await db.FigureEntries.FirstOrDefaultAsync(e => e.UnitId == unit.Value.Id && e.Period == period.Code, token);
            if (entry is null && !create)
                return Write.Conflict("chưa nhập số liệu kỳ này / nothing entered for this period yet");
            var state = entry?.State ?? ReviewState.Draft;
            if (EntryReview.Next(state, action) is not { } next)
                return Write.Conflict($"không thể {action.ToString().ToLowerInvariant()} khi biểu ở trạng thái {state.ToString().ToLowerInvariant()} / not allowed from {state}");
            if (entry is null)
            {
                entry = new FigureEntry
                {
                    UnitId = unit.Value.Id, Period = period.Code, Year = period.CalendarYear, PeriodStart = period.Start,
                    PeriodEnd = period.EndExclusive, State = ReviewState.Draft, EnteredBy = actor,
                };
                db.FigureEntries.Add(entry);
            }
            db.Actor = actor;
            var now = time.GetUtcNow();
            await apply(entry, now);
            entry.State = next;
            try
            {
                await db.SaveChangesAsync(token);
            }
            catch (DbUpdateConcurrencyException)
            {
                await tx.RollbackAsync(token);
                return Write.Stale;
            }
            catch (DbUpdateException) when (create)
            {
                await tx.RollbackAsync(token);
                return Write.Stale; // created by someone else meanwhile
            }
            await tx.CommitAsync(token);
            return Write.Done(await ToFormAsync(unit.Value.Code, unit.Value.Name, period, entry, token));
        }, ct);
    }

    // the approved year's figures replace the reported row's columns they name; received at the submission
    private async Task CopyToIndicatorsAsync(FigureEntry entry, CancellationToken ct)
    {
        var values = FromJson(entry.Figures);
        var row = await db.UnitIndicators.FirstOrDefaultAsync(i => i.UnitId == entry.UnitId && i.Year == entry.Year, ct);
        if (row is null)
        {
            row = new UnitIndicator { UnitId = entry.UnitId, Year = entry.Year };
            db.UnitIndicators.Add(row);
        }
        foreach (var (field, value) in values.Numbers)
        {
            switch (field)
            {
                case IndicatorField.PopulationResident: row.PopulationResident = (int)value; break;
                case IndicatorField.UsersAddictsManaged: row.UsersAddictsManaged = (int)value; break;
                case IndicatorField.HarbouringPlacesActiveAtEnd: row.HarbouringPlacesActiveAtEnd = (int)value; break;
                case IndicatorField.HarbouringPlacesDetectedInPeriod: row.HarbouringPlacesDetectedInPeriod = (int)value; break;
                case IndicatorField.OffendersArrested: row.OffendersArrested = (int)value; break;
                case IndicatorField.PlantsDestroyedCount: row.PlantsDestroyedCount = (int)value; break;
                case IndicatorField.PlantsDestroyedM2: row.PlantsDestroyedM2 = value; break;
                case IndicatorField.Hotspots: row.Hotspots = (int)value; break;
            }
        }
        if (values.OnKeyRoute is { } route)
            row.OnKeyRoute = route switch { "intra" => KeyRouteMembership.Intra, "inter" => KeyRouteMembership.Inter, _ => KeyRouteMembership.None };
        var entered = values.Present.Split().Select(f => f.ColumnName()).ToHashSet();
        row.DerivedFields = row.DerivedFields.Where(f => !entered.Contains(f)).ToList();
        row.ImportBatch = $"web:figure_entry:{entry.Id}";
        row.ReceivedAt = entry.SubmittedAt;
    }

    private async Task<FigureForm> ToFormAsync(string code, string name, ReportPeriod period, FigureEntry? e, CancellationToken ct) =>
        new(code, name, period, await completeness.RequiredOnAsync(period.End, ct), e is null ? FigureValues.Empty : FromJson(e.Figures),
            e?.State, e?.EnteredBy, e?.EnteredAt, e?.SubmittedBy, e?.SubmittedAt, e?.ApprovedBy, e?.ApprovedAt, e?.ReturnedBy, e?.ReturnedAt,
            e?.ReturnedReason);

    public static string ToJson(FigureValues values)
    {
        var json = new JsonObject();
        foreach (var (field, value) in values.Numbers.OrderBy(kv => kv.Key)) json[field.ColumnName()] = value;
        if (values.OnKeyRoute is { } route) json[IndicatorField.OnKeyRoute.ColumnName()] = route;
        return json.ToJsonString();
    }

    public static FigureValues FromJson(string json)
    {
        var text = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, node) in JsonNode.Parse(json)!.AsObject())
            text[key] = node?.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : node?.ToJsonString();
        return FigureValues.Parse(text).Values ?? FigureValues.Empty;
    }

    private async Task<List<int>> ScopeUnitIdsAsync(AreaScope scope, CancellationToken ct)
    {
        var conn = (NpgsqlConnection)db.Database.GetDbConnection();
        if (conn.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand($"WITH {AreaScopeSql.Cte} SELECT id FROM scope_units", conn);
        AreaScopeSql.AddParameters(command, scope);
        var ids = new List<int>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) ids.Add(reader.GetInt32(0));
        return ids;
    }

    // the commune with this code valid at the period's end, only if the scope reaches it
    private async Task<(int Id, string Code, string Name)?> FindCommuneAsync(string code, ReportPeriod period, AreaScope scope, CancellationToken ct)
    {
        if (scope.IsEmpty) return null;
        var conn = (NpgsqlConnection)db.Database.GetDbConnection();
        if (conn.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand($"""
            WITH {AreaScopeSql.Cte}
            SELECT u.id, u.code, u.name FROM admin_unit u
            WHERE u.level = 'commune' AND u.code = @code
              AND {DomainSql.ValidOn("u", "@day")}
              AND u.id IN (SELECT id FROM scope_units)
            """, conn);
        AreaScopeSql.AddParameters(command, scope);
        command.Parameters.Add(new NpgsqlParameter<string>("code", code));
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("day", period.End));
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? (reader.GetInt32(0), reader.GetString(1), reader.GetString(2)) : null;
    }
}
