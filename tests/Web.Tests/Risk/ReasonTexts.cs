using System.Globalization;
using DiaBan.Web.Risk;
using DiaBan.Web.Tests.Localization;
using Microsoft.Extensions.Localization;

namespace DiaBan.Web.Tests.Risk;

/// <summary>The reason and assignment renderers as the app builds them (Resources/ReasonStrings*.resx), and a culture switch for a test.</summary>
public static class ReasonTexts
{
    public static IStringLocalizer<ReasonStrings> Localizer() => TestResources.Localizer<ReasonStrings>();

    public static PatrolAssignmentText Assignments(IStringLocalizer<ReasonStrings>? localizer = null) =>
        new(new RiskReasonText(localizer ?? Localizer()));

    /// <summary>Runs <paramref name="f"/> with the UI (and number) culture of a request in that language, then restores the thread's.</summary>
    public static T In<T>(string culture, Func<T> f)
    {
        var (ui, current) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            return f();
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, current);
        }
    }
}
