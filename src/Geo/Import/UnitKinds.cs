using DiaBan.Geo.Data;

namespace DiaBan.Geo.Import;

/// <summary>Reads a unit's kind from a kind value or from its Vietnamese name ("Phường …", "Thị trấn …", "Đặc khu …"; districts "Quận …", "Huyện …", "Thị xã …", "Thành phố …").</summary>
public static class UnitKinds
{
    public static UnitKind FromName(UnitLevel level, string name)
    {
        var n = name.Trim();
        bool Starts(string prefix) => n.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);
        if (level == UnitLevel.Province) return Starts("Thành phố") || Starts("TP.") ? UnitKind.ThanhPho : UnitKind.Tinh;
        if (level == UnitLevel.District)
            return Starts("Quận") ? UnitKind.Quan : Starts("Thị xã") ? UnitKind.ThiXa
                : Starts("Thành phố") || Starts("TP.") ? UnitKind.ThanhPho : UnitKind.Huyen;
        if (Starts("Phường")) return UnitKind.Phuong;
        if (Starts("Thị trấn")) return UnitKind.ThiTran;
        if (Starts("Đặc khu")) return UnitKind.DacKhu;
        return UnitKind.Xa;
    }

    public static UnitKind? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (SnakeCase.TryParse<UnitKind>(value, out var k)) return k;
        return value.Trim().ToLowerInvariant() switch
        {
            "xã" => UnitKind.Xa,
            "phường" => UnitKind.Phuong,
            "thị trấn" => UnitKind.ThiTran,
            "đặc khu" => UnitKind.DacKhu,
            "tỉnh" => UnitKind.Tinh,
            "thành phố" => UnitKind.ThanhPho,
            "quận" => UnitKind.Quan,
            "huyện" => UnitKind.Huyen,
            "thị xã" => UnitKind.ThiXa,
            _ => null,
        };
    }
}
