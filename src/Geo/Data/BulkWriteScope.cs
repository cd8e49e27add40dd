using DiaBan.Geo.Import;

namespace DiaBan.Geo.Data;

/// <summary>
/// While open, the <see cref="AuditInterceptor"/> writes no per-row audit for its DiaBanDb (seeding, imports, risk scores:
/// thousands of rows, or model bytes, must not be copied into the trail); the writer adds one summary row with
/// <see cref="Summarise"/> instead. Disposing always restores per-row auditing, also when the write throws.
/// </summary>
public sealed class BulkWriteScope : IDisposable
{
    private readonly DiaBanDb db;
    private bool summarised;
    private bool disposed;

    internal BulkWriteScope(DiaBanDb db, string action, string entity)
    {
        this.db = db;
        Action = action;
        Entity = entity;
    }

    /// <summary>The audit action of the summary row ("import", "train", "score", …).</summary>
    public string Action { get; }

    /// <summary>The table the bulk write fills.</summary>
    public string Entity { get; }

    /// <summary>Adds the one audit row that describes this bulk write; it is saved with the context's next SaveChanges.</summary>
    public AuditEntry Summarise(object details)
    {
        if (summarised) throw new InvalidOperationException($"bulk write {Action} {Entity} is already summarised: one audit row per bulk write");
        summarised = true;
        var row = AuditRows.Bulk(db.Actor, Action, Entity, details);
        db.AuditEntries.Add(row);
        return row;
    }

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        db.EndBulkWrite();
    }
}
