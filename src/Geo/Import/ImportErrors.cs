namespace DiaBan.Geo.Import;

/// <summary>Collects every error of one import so the user can fix the whole file in one pass (the first MaxKept are kept, all are counted).</summary>
public sealed class ImportErrors(string file)
{
    /// <summary>Enough to fix a file by; a 5 GB file of bad rows must not fill memory with messages.</summary>
    public const int MaxKept = 10_000;

    private readonly List<ImportError> _errors = [];

    public string File { get; } = file;
    public int Count { get; private set; }
    public bool Any => Count > 0;
    public IReadOnlyList<ImportError> All => _errors;

    public void Add(int row, string field, string message)
    {
        Count++;
        if (_errors.Count < MaxKept) _errors.Add(new ImportError(File, row, field, message));
    }

    /// <summary>Throws ImportException (nothing is written) when any error was collected.</summary>
    public void ThrowIfAny()
    {
        if (Count > 0) throw new ImportException(_errors.OrderBy(e => e.Row).ToList(), Count);
    }
}
