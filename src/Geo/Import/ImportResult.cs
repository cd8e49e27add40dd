namespace DiaBan.Geo.Import;

/// <summary>What an import wrote: the batch id (on every row and in the audit entry) and counts; Rejected = bad rows set aside with --rejects.</summary>
public sealed record ImportResult(string Batch, string File, int Inserted, int Updated = 0, int Skipped = 0,
    IReadOnlyList<string>? Notes = null, int Rejected = 0)
{
    public override string ToString()
    {
        var s = $"{File}: {Inserted} inserted";
        if (Updated > 0) s += $", {Updated} updated";
        if (Skipped > 0) s += $", {Skipped} skipped";
        if (Rejected > 0) s += $", {Rejected} rejected";
        return s + $" (batch {Batch})";
    }
}
