using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace SmsOtp.AspNetCore.Tests.Infrastructure;

/// <summary>
/// A data-protection key ring that lives and dies with one test app, so tests never touch the machine's key ring.
/// A test that shares keys between instances configures its own repository after this one.
/// </summary>
internal sealed class InMemoryKeyRepository : IXmlRepository
{
    private readonly List<XElement> _elements = [];

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        lock (_elements)
        {
            return _elements.Select(e => new XElement(e)).ToList();
        }
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        lock (_elements)
        {
            _elements.Add(new XElement(element));
        }
    }
}
