namespace DiaBan.Geo.Queries;

/// <summary>
/// Which page of a list to read (1-based <see cref="Number"/>, <see cref="Size"/> rows), checked on construction so a query
/// never builds an OFFSET from a bad value.
/// </summary>
public readonly record struct PageRequest
{
    public const int MaxSize = 500;

    public PageRequest(int number, int size)
    {
        if (number < 1) throw new ArgumentOutOfRangeException(nameof(number), number, "A page number starts at 1.");
        if (size is < 1 or > MaxSize) throw new ArgumentOutOfRangeException(nameof(size), size, $"A page holds 1 to {MaxSize} rows.");
        (Number, Size) = (number, size);
    }

    public int Number { get; }
    public int Size { get; }
    public long Offset => (long)(Number - 1) * Size;
}

/// <summary>One page of a list read on the server: its rows, which page it is, and how many rows the whole list holds.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Number, int Size, long Total)
{
    /// <summary>Pages of the whole list (at least 1, an empty list being one empty page).</summary>
    public int Pages => Total == 0 ? 1 : (int)((Total + Size - 1) / Size);

    public bool HasPrevious => Number > 1;
    public bool HasNext => Number < Pages;
}
