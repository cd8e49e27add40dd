using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using NetTopologySuite.Geometries;

namespace DiaBan.Geo.Data;

/// <summary>Writes an audit_entry row for every entity inserted, updated or deleted through a DiaBanDb.</summary>
/// <remarks>Inserts are audited after the save (their keys are generated then); the audit rows go in the same transaction when one is open.</remarks>
public sealed class AuditInterceptor : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, List<Pending>> _pending = new();

    private sealed record Pending(EntityEntry Entry, string Action, Dictionary<string, object?> Values);

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (Flush(eventData.Context)) eventData.Context!.SaveChanges();
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        if (Flush(eventData.Context)) await eventData.Context!.SaveChangesAsync(cancellationToken);
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Context is not null) _pending.Remove(eventData.Context);
    }

    private void Collect(DbContext? context)
    {
        if (context is not DiaBanDb db || !db.PerEntityAudit) return;
        var list = new List<Pending>();
        foreach (var e in db.ChangeTracker.Entries())
        {
            if (e.Entity is AuditEntry) continue;
            switch (e.State)
            {
                case EntityState.Added:
                    list.Add(new Pending(e, "insert", Snapshot(e, p => true, current: true)));
                    break;
                case EntityState.Modified:
                    list.Add(new Pending(e, "update", Changes(e)));
                    break;
                case EntityState.Deleted:
                    list.Add(new Pending(e, "delete", Snapshot(e, p => true, current: false)));
                    break;
            }
        }
        if (list.Count > 0) _pending.AddOrUpdate(db, list);
    }

    // true when audit rows were added and must be saved
    private bool Flush(DbContext? context)
    {
        if (context is not DiaBanDb db || !_pending.TryGetValue(db, out var list)) return false;
        _pending.Remove(db);
        var now = DateTimeOffset.UtcNow;
        foreach (var p in list)
        {
            db.AuditEntries.Add(new AuditEntry
            {
                At = now,
                Actor = db.Actor,
                Action = p.Action,
                Entity = p.Entry.Metadata.GetTableName() ?? SnakeCase.From(p.Entry.Metadata.ClrType.Name),
                EntityKey = KeyOf(p.Entry),
                Details = JsonSerializer.Serialize(p.Values, AuditJson.Options),
            });
        }
        return list.Count > 0;
    }

    private static string KeyOf(EntityEntry e)
    {
        var key = e.Metadata.FindPrimaryKey();
        return key is null ? "" : string.Join("/", key.Properties.Select(p => Convert.ToString(e.Property(p.Name).CurrentValue,
            System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static Dictionary<string, object?> Snapshot(EntityEntry e, Func<PropertyEntry, bool> include, bool current)
    {
        var d = new Dictionary<string, object?>();
        foreach (var p in e.Properties.Where(include))
            d[SnakeCase.From(p.Metadata.Name)] = Printable(current ? p.CurrentValue : p.OriginalValue);
        return d;
    }

    private static Dictionary<string, object?> Changes(EntityEntry e)
    {
        var d = new Dictionary<string, object?>();
        foreach (var p in e.Properties.Where(p => p.IsModified))
            d[SnakeCase.From(p.Metadata.Name)] = new { from = Printable(p.OriginalValue), to = Printable(p.CurrentValue) };
        return d;
    }

    // geometries are summarised (type, vertex count) so one boundary edit does not write megabytes of audit
    private static object? Printable(object? v) => v switch
    {
        null => null,
        Geometry g => $"{g.GeometryType}({g.NumPoints} points)",
        byte[] bytes => $"{bytes.Length} bytes", // evidence files: their hash is audited, not their content
        Enum en => SnakeCase.From(en.ToString()),
        DateOnly d => d.ToString("yyyy-MM-dd"),
        _ => v,
    };
}
