/*
 * KwsNano status texts.
 */
#include "kws_nano.h"

const char *kws_status_str(kws_status status)
{
    switch (status) {
    case KWS_OK: return "ok";
    case KWS_ERR_NULL: return "a required pointer argument is NULL";
    case KWS_ERR_TRUNCATED: return "blob shorter than its header";
    case KWS_ERR_MAGIC: return "not a .kwsm blob (bad magic)";
    case KWS_ERR_VERSION: return "unsupported major format version";
    case KWS_ERR_SIZE: return "header total_size differs from the blob size";
    case KWS_ERR_CRC: return "payload CRC32 mismatch";
    case KWS_ERR_BOUNDS: return "an offset or size points outside the blob or its section";
    case KWS_ERR_ALIGN: return "a section or data block is not aligned as the format requires";
    case KWS_ERR_LABELS: return "malformed label section";
    case KWS_ERR_FRONTEND: return "inconsistent front-end descriptor";
    case KWS_ERR_TENSOR: return "invalid tensor record";
    case KWS_ERR_OPCODE: return "unknown opcode or weight layout";
    case KWS_ERR_SHAPE: return "shapes of an op are inconsistent";
    case KWS_ERR_PARAM: return "an op parameter is out of range";
    case KWS_ERR_GRAPH: return "op order reads a tensor before it is written";
    case KWS_ERR_ARENA: return "caller arena too small or misaligned";
    case KWS_ERR_ARGUMENT: return "an argument is out of range";
    case KWS_ERR_UNSUPPORTED: return "valid request the build does not implement";
    default: return "unknown status";
    }
}
