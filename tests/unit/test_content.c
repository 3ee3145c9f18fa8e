#include "unit.h"
int test_content_register(void) { return 0; }
