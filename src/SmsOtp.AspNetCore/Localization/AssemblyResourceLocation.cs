using Microsoft.Extensions.Localization;

// The package's .resx files live under Resources/, whatever ResourcesPath the app gives AddLocalization.
[assembly: ResourceLocation("Resources")]
