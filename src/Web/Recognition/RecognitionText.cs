using System.Globalization;
using DiaBan.Analytics.Domain;
using DiaBan.Analytics.Planning;
using Microsoft.Extensions.Localization;

namespace DiaBan.Web;

/// <summary>
/// The one place the recognition procedure's states, actions and roles become words on a page, in the current UI
/// language (Resources/RecognitionStrings*.resx, keyed by the stable codes of <see cref="RecognitionWorkflow"/>:
/// <c>State_proposed</c>, <c>Action_propose</c>, <c>Role_police</c>), and the recognition pages' times and sizes.
/// Analytics' <c>VietnameseLabel()</c> stays for the official Vietnamese documents (src/Reports) and the domain's errors.
/// </summary>
public sealed class RecognitionText(IStringLocalizer<RecognitionStrings> s)
{

    public string State(RecognitionState state) => s["State_" + state.Code()];

    /// <summary>A stored state code in words; an unknown code as itself.</summary>
    public string State(string code) => Word("State_", code);

    public string Action(RecognitionAction action) => s["Action_" + action.Code()];

    /// <summary>A stored action code in words; an unknown code as itself.</summary>
    public string Action(string code) => Word("Action_", code);

    /// <summary>A stored role code (<see cref="RecognitionRole"/>) in words; an unknown code as itself.</summary>
    public string Role(string code) => Word("Role_", code);

    /// <summary>Vietnam time, dd/MM/yyyy HH:mm (in both languages, as the rest of the UI).</summary>
    public static string Time(DateTimeOffset at) =>
        VietnamTime.ToLocal(at).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    public static string Date(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>A file size, e.g. "1,5 MB" in Vietnamese, "1.5 MB" in English.</summary>
    public string Size(long bytes) => bytes < 1024 ? s["SizeBytes", bytes] : bytes >= 1024 * 1024
        ? (bytes / 1024d / 1024d).ToString("0.0", CultureInfo.CurrentCulture) + " MB" // the request's culture, as every number on the pages
        : (bytes / 1024d).ToString("0", CultureInfo.CurrentCulture) + " KB";

    /// <summary>The resource keys of every state, action and role (a test checks both languages have them).</summary>
    public static IEnumerable<string> Keys() =>
        Enum.GetValues<RecognitionState>().Select(v => "State_" + v.Code())
            .Concat(Enum.GetValues<RecognitionAction>().Select(v => "Action_" + v.Code()))
            .Concat(Enum.GetValues<RecognitionRole>().Select(v => "Role_" + v.Code()));

    private string Word(string prefix, string code) => s[prefix + code] is { ResourceNotFound: false } word ? word.Value : code;
}
