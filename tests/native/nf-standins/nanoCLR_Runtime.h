/* Stand-in: everything the glue needs is in nanoCLR_Interop.h (compile check only). */
#include "nanoCLR_Interop.h"
