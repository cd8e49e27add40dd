namespace DiaBan.Geo.Import;

/// <summary>An import was refused and nothing was written; Errors lists the bad rows (first MaxShown in the message), Total counts them all.</summary>
public sealed class ImportException(IReadOnlyList<ImportError> errors, int total) : Exception(Format(errors, total))
{
    public const int MaxShown = 50;

    public IReadOnlyList<ImportError> Errors { get; } = errors;

    /// <summary>Every error found, also those past ImportErrors.MaxKept that were counted but not kept.</summary>
    public int Total { get; } = Math.Max(total, errors.Count);

    public ImportException(IReadOnlyList<ImportError> errors) : this(errors, errors.Count) { }

    public ImportException(ImportError error) : this([error]) { }

    public ImportException(string file, int row, string field, string message) : this(new ImportError(file, row, field, message)) { }

    /// <summary>Up to MaxShown errors, one a line, then "… and N more".</summary>
    public static string Format(IReadOnlyList<ImportError> errors) => Format(errors, errors.Count);

    private static string Format(IReadOnlyList<ImportError> errors, int total)
    {
        total = Math.Max(total, errors.Count);
        var lines = errors.Take(MaxShown).Select(e => e.ToString()).ToList();
        if (total > MaxShown) lines.Add($"… and {total - MaxShown} more ({total} errors in all; và {total - MaxShown} lỗi khác)");
        return string.Join(Environment.NewLine, lines);
    }
}
