using System.Reflection;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.AspNetCore.Mvc.Controllers;
using MvcSample.Controllers;

namespace MvcSample.DevSms;

/// <summary>
/// Takes <see cref="DevSmsController"/> out of MVC in real mode, so <c>/dev/sms</c> has no route at all (404)
/// instead of a route that has to remember to refuse: real passcodes must never be listable.
/// </summary>
internal sealed class DevSmsControllerRemoval : IApplicationFeatureProvider<ControllerFeature>
{
    public void PopulateFeature(IEnumerable<ApplicationPart> parts, ControllerFeature feature)
    {
        ArgumentNullException.ThrowIfNull(feature);
        feature.Controllers.Remove(typeof(DevSmsController).GetTypeInfo());
    }
}
