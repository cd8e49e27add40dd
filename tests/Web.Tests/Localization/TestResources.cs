using System.Collections;
using System.Globalization;
using System.Resources;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DiaBan.Web.Tests.Localization;

/// <summary>The app's resource files as tests read them: a localizer built as the app builds it, and one culture's own entries.</summary>
public static class TestResources
{
    public static IStringLocalizer<T> Localizer<T>() => new StringLocalizer<T>(
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance));

    /// <summary>The entries of Resources/<paramref name="name"/> in one culture, without falling back to the neutral (Vietnamese) ones.</summary>
    public static Dictionary<string, string> Entries(string name, CultureInfo culture)
    {
        var manager = new ResourceManager($"DiaBan.Web.Resources.{name}", typeof(TargetsStrings).Assembly);
        var set = manager.GetResourceSet(culture, createIfNotExists: true, tryParents: false);
        Assert.NotNull(set);
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
    }
}
