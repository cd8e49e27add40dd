using BusinessKind = DiaBan.Geo.Data.BusinessKind;
namespace DiaBan.Demo.Province;

/// <summary>Plausible, unique two-syllable place names ("Tân Phú", "An Lạc") drawn without replacement.</summary>
internal sealed class VietnameseNames
{
    private static readonly string[] FirstSyllables =
    [
        "Tân", "An", "Phú", "Long", "Hòa", "Thạnh", "Vĩnh", "Bình", "Mỹ", "Phước",
        "Thới", "Hưng", "Khánh", "Trung", "Đông", "Tây", "Hiệp", "Lợi", "Thuận", "Định",
    ];

    private static readonly string[] SecondSyllables =
    [
        "Phú", "Lạc", "Hòa", "Thạnh", "Lợi", "Hưng", "Bình", "An", "Thới", "Điền",
        "Xuyên", "Lộc", "Phong", "Mỹ", "Thành", "Trạch", "Hiệp", "Khánh", "Long", "Quới",
    ];

    private static readonly string[] BusinessWords =
    [
        "Hoàng Gia", "Ánh Dương", "Phương Nam", "Sao Mai", "Bình Minh", "Hồng Phát", "Kim Long", "Phú Quý",
        "Ngọc Lan", "Thanh Thủy", "Mỹ Tiên", "Hải Âu", "Đông Phương", "Tuấn Kiệt", "Hương Sen", "Mai Vàng",
        "Cát Tường", "Như Ý", "Phát Đạt", "Miền Tây", "Sông Hậu", "Cửu Long", "Hoa Sứ", "Thiên Ân",
    ];

    private readonly Queue<string> _placeNames;
    private readonly Random _random;
    private readonly Dictionary<string, int> _businessNameUses = new(StringComparer.Ordinal);

    public VietnameseNames(Random random)
    {
        _random = random;
        var pairs = FirstSyllables.SelectMany(a => SecondSyllables.Where(b => b != a).Select(b => $"{a} {b}")).ToList();
        random.ShuffleInPlace(pairs);
        _placeNames = new Queue<string>(pairs);
    }

    /// <summary>A place name never returned before.</summary>
    public string NextPlaceName() =>
        _placeNames.Count > 0 ? _placeNames.Dequeue() : throw new InvalidOperationException("out of synthetic place names");

    /// <summary>"Karaoke Hoàng Gia", "Nhà nghỉ Sao Mai 2": a numeral keeps repeated names apart.</summary>
    public string NextBusinessName(BusinessKind kind)
    {
        var prefix = kind switch
        {
            BusinessKind.Karaoke => "Karaoke",
            BusinessKind.Bar => "Quán bar",
            BusinessKind.Hotel => _random.Chance(0.5) ? "Khách sạn" : "Nhà nghỉ",
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
        var name = $"{prefix} {_random.Pick(BusinessWords)}";
        var uses = _businessNameUses.GetValueOrDefault(name) + 1;
        _businessNameUses[name] = uses;
        return uses == 1 ? name : $"{name} {uses}";
    }
}
