namespace DiaBan.Geo.Import;

/// <summary>One thing wrong with an input file, located as `file:row:field: message`.</summary>
public sealed record ImportError(string File, int Row, string Field, string Message)
{
    public override string ToString() => $"{File}:{Row}:{Field}: {Message}";
}
