#include "unit.h"
int test_mdrender_register(void) { return 0; }
