using DiaBan.Analytics.Domain;
using System.Globalization;
using DiaBan.Analytics.Planning;

namespace DiaBan.Web;

/// <summary>Vietnamese words and formats of the recognition pages (state and action labels come from Analytics).</summary>
public static class RecognitionText
{

    public static string State(string code) =>
        Enum.GetValues<RecognitionState>().FirstOrDefault(s => s.Code() == code) is var s && s.Code() == code ? s.VietnameseLabel() : code;

    public static string Action(string code) =>
        Enum.GetValues<RecognitionAction>().FirstOrDefault(a => a.Code() == code) is var a && a.Code() == code ? a.VietnameseLabel() : code;

    public static string Role(string code) => code switch
    {
        "police" => "Công an xã",
        "planner" => "Cơ quan thường trực",
        "leader" => "Lãnh đạo",
        "admin" => "Quản trị",
        _ => code,
    };

    /// <summary>Vietnam time, dd/MM/yyyy HH:mm.</summary>
    public static string Time(DateTimeOffset at) =>
        VietnamTime.ToLocal(at).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    public static string Date(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    public static string Size(long bytes) => bytes < 1024 ? $"{bytes} byte" : bytes >= 1024 * 1024
        ? (bytes / 1024d / 1024d).ToString("0.0", CultureInfo.GetCultureInfo("vi-VN")) + " MB"
        : (bytes / 1024d).ToString("0", CultureInfo.GetCultureInfo("vi-VN")) + " KB";
}
