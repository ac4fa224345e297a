namespace nanoFramework.Runtime.Events
{
    /// <summary>Base class of nanoFramework native events.</summary>
    public class BaseEvent
    {
        /// <summary>Event source.</summary>
        public ushort Source;

        /// <summary>Event message.</summary>
        public byte Message;
    }
}
