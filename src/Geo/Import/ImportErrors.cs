namespace DiaBan.Geo.Import;

/// <summary>
/// Collects every error of one import so the user can fix the whole file in one pass (the first MaxKept are kept, all are counted).
/// With a <see cref="RejectsFile"/> every error also goes there (uncapped) and the import goes on with the good rows.
/// </summary>
public sealed class ImportErrors(string file, RejectsFile? rejects = null)
{
    /// <summary>Enough to fix a file by; a 5 GB file of bad rows must not fill memory with messages.</summary>
    public const int MaxKept = 10_000;

    private readonly List<ImportError> _errors = [];

    public string File { get; } = file;
    public int Count { get; private set; }
    public bool Any => Count > 0;
    public IReadOnlyList<ImportError> All => _errors;

    /// <summary>Where bad rows are set aside (--rejects), or null: all-or-nothing.</summary>
    public RejectsFile? Rejects { get; } = rejects;

    /// <summary>True when the row already has an error and is set aside (only ever true with a rejects file).</summary>
    public bool IsRejected(int row) => Rejects?.Contains(row) ?? false;

    /// <summary>Keeps every error, not only the first <see cref="MaxKept"/>: a part of a file checked on another thread,
    /// whose errors are then taken over in file order by <see cref="AddFrom"/>.</summary>
    internal bool KeepAll { get; init; }

    public void Add(int row, string field, string message)
    {
        Count++;
        var error = new ImportError(File, row, field, message);
        if (KeepAll || _errors.Count < MaxKept) _errors.Add(error);
        Rejects?.Add(error);
    }

    /// <summary>Takes over, in their order, every error of a part checked apart (made with <see cref="KeepAll"/>).</summary>
    internal void AddFrom(ImportErrors part)
    {
        foreach (var e in part._errors) Add(e.Row, e.Field, e.Message);
    }

    /// <summary>
    /// Throws ImportException (nothing is written) when any error was collected, unless a rejects file takes the bad
    /// rows: then the caller goes on with the rows that are not <see cref="IsRejected"/>.
    /// </summary>
    public void ThrowIfAny()
    {
        if (Count > 0 && Rejects is null) throw new ImportException(_errors.OrderBy(e => e.Row).ToList(), Count);
    }
}
