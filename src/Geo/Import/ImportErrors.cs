namespace DiaBan.Geo.Import;

/// <summary>Collects every error of one import so the user can fix the whole file in one pass.</summary>
public sealed class ImportErrors(string file)
{
    private readonly List<ImportError> _errors = [];

    public string File { get; } = file;
    public int Count => _errors.Count;
    public bool Any => _errors.Count > 0;
    public IReadOnlyList<ImportError> All => _errors;

    public void Add(int row, string field, string message) => _errors.Add(new ImportError(File, row, field, message));

    /// <summary>Throws ImportException (nothing is written) when any error was collected.</summary>
    public void ThrowIfAny()
    {
        if (_errors.Count > 0) throw new ImportException(_errors.OrderBy(e => e.Row).ToList());
    }
}
