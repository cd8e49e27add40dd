namespace DiaBan.Geo.Import;

/// <summary>What an import wrote: the batch id (on every row and in the audit entry) and counts.</summary>
public sealed record ImportResult(string Batch, string File, int Inserted, int Updated = 0, int Skipped = 0,
    IReadOnlyList<string>? Notes = null)
{
    public override string ToString()
    {
        var s = $"{File}: {Inserted} inserted";
        if (Updated > 0) s += $", {Updated} updated";
        if (Skipped > 0) s += $", {Skipped} skipped";
        return s + $" (batch {Batch})";
    }
}
